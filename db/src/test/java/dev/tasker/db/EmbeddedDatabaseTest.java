package dev.tasker.db;

import dev.tasker.db.embedded.EmbeddedPostgresServer;
import dev.tasker.db.testing.EmbeddedServerProcess;
import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default database of {@code tasker serve}: no URL configured, data in a directory of its own. */
class EmbeddedDatabaseTest {

    private static Path home;

    @BeforeAll
    static void createHome() throws IOException {
        home = Files.createTempDirectory("tasker-home");
    }

    @AfterAll
    static void deleteHome() {
        TestDatabases.deleteRecursively(home);
    }

    @Test
    void rowsSurviveAStopAndAStart() throws SQLException {
        DatabaseSettings settings = DatabaseSettings.embedded(home.resolve("postgres"));

        try (Database db = Database.open(settings)) {
            assertThat(db.isEmbedded()).isTrue();
            execute(db, "INSERT INTO task_templates (template_uuid, namespace, name, version, definition, definition_hash) "
                    + "VALUES ('0197a0e0-0000-7000-8000-000000000001', 'billing', 'invoice', '1.2.3', '{\"steps\": []}', 'h1')");
        }

        try (Database db = Database.open(settings)) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT namespace, name, version, definition->>'steps' FROM task_templates")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("billing");
                assertThat(rs.getString(2)).isEqualTo("invoice");
                assertThat(rs.getString(3)).isEqualTo("1.2.3");
                assertThat(rs.getString(4)).isEqualTo("[]");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryIsRefusedWithThePidOfTheFirst() {
        Path dataDir = home.resolve("shared");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(first.port()).isPositive();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(DatabaseStartupException.class)
                    .hasMessageContaining("data directory " + dataDir.toAbsolutePath() + " is in use by another Tasker process (pid "
                            + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining("TASKER_DATA_DIR");
        }
    }

    @Test
    void aPostmasterOrphanedByAKilledWorkerIsStoppedAndTheDataKept() throws Exception {
        Path dataDir = home.resolve("orphan");
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedServerProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        String url;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream()))) {
            url = out.lines().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow().substring(6);
            try (Database db = Database.open(new DatabaseSettings(url, dataDir, "tasker", 2, Duration.ofSeconds(5)))) {
                execute(db, "INSERT INTO dead_letters (reason) VALUES ('kept across a crash')");
            }
            worker.destroyForcibly().waitFor();
        }
        long postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);

        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT reason FROM dead_letters")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept across a crash");
            }
        }
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
