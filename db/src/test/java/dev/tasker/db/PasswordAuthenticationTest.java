package dev.tasker.db;

import dev.tasker.db.embedded.EmbeddedPostgresServer;
import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users with passwords (scram-sha-256) on the embedded server, which checks every connection's password. */
class PasswordAuthenticationTest {

    private static Path dir;
    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServerThatChecksPasswords() throws Exception {
        dir = Files.createTempDirectory("tasker-auth");
        server = EmbeddedPostgresServer.start(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE app LOGIN PASSWORD 'right-password'");
            s.execute("CREATE ROLE reader LOGIN PASSWORD 'pw'");
            s.execute("GRANT CREATE ON DATABASE postgres TO app");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(dir);
    }

    @Test
    void aWrongPasswordIsReportedAsRefusedCredentialsWithoutShowingIt() {
        String url = "postgresql://app:wrong-password@127.0.0.1:" + server.port() + "/postgres";

        assertThatThrownBy(() -> Database.open(settings(url)))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:" + server.port() + " refused the credentials of user 'app'")
                .hasMessageContaining("password authentication failed")
                .hasMessageContaining("Check the user and password in TASKER_DATABASE_URL")
                .message().doesNotContain("wrong-password");
    }

    @Test
    void theRightPasswordConnects() {
        try (Database db = Database.open(settings("postgresql://app:right-password@127.0.0.1:" + server.port() + "/postgres"))) {
            assertThat(db.isReachable()).isTrue();
        }
    }

    @Test
    void aUserWhoMayNotCreateTheSchemaIsToldWhatToGrant() {
        String url = "postgresql://reader:pw@127.0.0.1:" + server.port() + "/postgres";

        assertThatThrownBy(() -> Database.open(new DatabaseSettings(url, Path.of("unused"), "tasker", 2, Duration.ofSeconds(3))))
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageStartingWith("Cannot create or migrate the schema 'tasker' in database 'postgres' at 127.0.0.1:"
                        + server.port() + ": user 'reader' lacks the privilege (ERROR: permission denied for database postgres)")
                .hasMessageEndingWith("Grant it (GRANT CREATE ON DATABASE postgres TO reader) or create the schema for it "
                        + "(CREATE SCHEMA tasker AUTHORIZATION reader).");
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, Path.of("unused"), TestDatabases.newSchemaName(), 2, Duration.ofSeconds(3));
    }
}
