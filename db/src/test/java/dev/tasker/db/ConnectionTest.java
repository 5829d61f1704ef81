package dev.tasker.db;

import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionTest {

    private static final DatabaseUrl SERVER = DatabaseUrl.parse(TestDatabases.serverUrl());

    @Test
    void theJdbcFormConnects() throws SQLException {
        String url = "jdbc:postgresql://" + SERVER.host() + ":" + SERVER.port() + "/" + SERVER.database()
                + (SERVER.user() == null ? "" : "?user=" + SERVER.user() + (SERVER.password() == null ? "" : "&password=" + SERVER.password()));
        assertConnectsAndMigrates(url);
    }

    @Test
    void theLibpqFormConnects() throws SQLException {
        String credentials = SERVER.user() == null ? "" : SERVER.user() + (SERVER.password() == null ? "" : ":" + SERVER.password()) + "@";
        assertConnectsAndMigrates("postgresql://" + credentials + SERVER.host() + ":" + SERVER.port() + "/" + SERVER.database());
    }

    @Test
    void anUnreachableServerFailsFastNamingHostAndPort() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> Database.open(settings("postgresql://tasker:secret@127.0.0.1:1/tasker")))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageStartingWith("Cannot reach PostgreSQL at 127.0.0.1:1 (")
                .hasMessageContaining("tried postgresql://tasker:***@127.0.0.1:1/tasker")
                .hasMessageContaining("unset TASKER_DATABASE_URL to use the embedded PostgreSQL")
                .message().doesNotContain("secret");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownUserIsReportedAsRefusedCredentials() {
        String url = "postgresql://no_such_user:pw@" + SERVER.host() + ":" + SERVER.port() + "/" + SERVER.database();

        assertThatThrownBy(() -> Database.open(settings(url)))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageContaining("refused the credentials of user 'no_such_user'")
                .hasMessageContaining("Check the user and password in TASKER_DATABASE_URL");
    }

    @Test
    void aMissingDatabaseIsNamed() {
        String url = "jdbc:postgresql://" + SERVER.host() + ":" + SERVER.port() + "/no_such_db"
                + (SERVER.user() == null ? "" : "?user=" + SERVER.user() + (SERVER.password() == null ? "" : "&password=" + SERVER.password()));

        assertThatThrownBy(() -> Database.open(settings(url)))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageContaining("has no database 'no_such_db'")
                .hasMessageContaining("createdb no_such_db");
    }

    private static void assertConnectsAndMigrates(String url) throws SQLException {
        try (Database db = Database.open(settings(url));
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_schema(), count(*) FROM tasks")) {
            assertThat(db.isEmbedded()).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(db.schema());
            assertThat(rs.getLong(2)).isZero();
        }
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, Path.of("unused"), TestDatabases.newSchemaName(), 2, Duration.ofSeconds(3));
    }
}
