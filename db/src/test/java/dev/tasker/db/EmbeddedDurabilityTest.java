package dev.tasker.db;

import dev.tasker.db.embedded.EmbeddedPostgresServer;
import dev.tasker.db.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `tasker serve` gets with no database configured: a server that keeps commits through a crash and admits only us. */
class EmbeddedDurabilityTest {

    private static final String[] SETTINGS = {"fsync", "synchronous_commit", "full_page_writes", "listen_addresses"};

    private static Path home;

    @BeforeAll
    static void createHome() throws IOException {
        home = Files.createTempDirectory("tasker-durable");
    }

    @AfterAll
    static void deleteHome() {
        TestDatabases.deleteRecursively(home);
    }

    @Test
    void aNewServerSyncsEveryCommitAndAsksEveryClientForItsPassword() throws Exception {
        Path dataDir = home.resolve("new");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(settings(server.jdbcUrl())).containsExactly(
                    Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"),
                    Map.entry("full_page_writes", "on"), Map.entry("listen_addresses", "127.0.0.1"));
            assertRefusesWithoutPassword(server.port());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve("tasker-superuser.password")))).isEqualTo("rw-------");
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(settings(again.jdbcUrl())).containsEntry("fsync", "on");
            assertRefusesWithoutPassword(again.port());
        }
    }

    @Test
    void aDataDirectoryCreatedOpenToEveryoneIsLockedDownAtItsNextStartWithItsRowsKept() throws Exception {
        Path dataDir = home.resolve("legacy");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            assertThat(settings(old.getJdbcUrl("postgres", "postgres"))).containsEntry("fsync", "off");
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('from before')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
             Connection c = DriverManager.getConnection(server.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("from before");
            assertThat(settings(server.jdbcUrl())).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
            assertRefusesWithoutPassword(server.port());
        }
    }

    private static void assertRefusesWithoutPassword(int port) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&password=guess").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"postgres\"");
    }

    private static Map<String, String> settings(String url) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String name : SETTINGS) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return values;
    }
}
