package dev.tasker.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void libpqFormCarriesCredentialsOutsideTheJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s%40cret@db.example:6543/orders?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orders?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("orders");
    }

    @Test
    void jdbcFormTakesUserAndPasswordFromItsParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/tasker?user=bob&password=pw&ssl=false");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tasker?ssl=false");
        assertThat(url.user()).isEqualTo("bob");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.port()).isEqualTo(5432);
    }

    @Test
    void passwordsNeverAppearInTheRedactedForm() {
        assertThat(DatabaseUrl.parse("postgresql://app:topsecret@h:1/d").redacted())
                .isEqualTo("postgresql://app:***@h:1/d")
                .doesNotContain("topsecret");
        assertThat(DatabaseUrl.parse("postgresql://app:topsecret@h:1/d").toString()).doesNotContain("topsecret");
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:pw@localhost/db"))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageContaining("'mysql://root:***@localhost/db' is not a PostgreSQL URL")
                .hasMessageContaining("postgresql://user:password@host:port/database");
        assertThatThrownBy(() -> DatabaseUrl.parse("  "))
                .hasMessageContaining("The database URL is empty");
    }
}
