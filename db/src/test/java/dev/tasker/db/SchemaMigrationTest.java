package dev.tasker.db;

import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigrationTest {

    private Database db;

    @BeforeEach
    void openFreshSchema() {
        db = TestDatabases.freshSchema();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migratingAnEmptySchemaCreatesEveryTable() throws SQLException {
        assertThat(tables()).containsExactlyInAnyOrder(
                "task_templates", "tasks", "workflow_steps", "workflow_step_edges", "task_transitions", "domain_event_outbox",
                "workflow_step_transitions", "workflow_step_result_audit", "dead_letters", "tasks_dlq", "flyway_schema_history");
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        List<String> before = columns();

        int executed = new SchemaMigrator(db.dataSource(), db.schema(), db.url()).migrate();

        assertThat(executed).isZero();
        assertThat(columns()).isEqualTo(before);
    }

    @Test
    void everyTaskAndStepStateOfTheEngineIsAllowedAndNoOther() throws SQLException {
        UUID template = insertTemplate();
        for (TaskState state : TaskState.values()) {
            insertTask(template, state.dbName());
        }
        UUID task = insertTask(template, "pending");
        for (StepState state : StepState.values()) {
            insertStep(task, "step_" + state.dbName(), state.dbName());
        }
        assertThat(count("tasks")).isEqualTo(TaskState.values().length + 1);
        assertThat(count("workflow_steps")).isEqualTo(StepState.values().length);

        assertThatThrownBy(() -> insertTask(template, "running"))
                .isInstanceOf(SQLException.class).hasMessageContaining("tasks_current_state_check");
        assertThatThrownBy(() -> insertStep(task, "bogus", "done"))
                .isInstanceOf(SQLException.class).hasMessageContaining("workflow_steps_valid");
    }

    @Test
    void aStepRowBreakingAnyOfItsRulesIsRefused() throws SQLException {
        UUID task = insertTask(insertTemplate(), "pending");
        UUID step = UUID.randomUUID();
        update("INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, handler_callable) "
                + "VALUES (?, ?, 'charge', 'billing', 'java:Noop')", step, task);

        for (String change : List.of("step_type = 'lambda'", "backoff = 'random'", "attempts = -1", "max_attempts = -1",
                "backoff_base_ms = -1", "max_backoff_ms = -1", "timeout_seconds = 0", "pending_parents = -1",
                "lease_owner = 'w1'", "lease_expires_at = now()")) {
            assertThatThrownBy(() -> update("UPDATE workflow_steps SET " + change + " WHERE step_uuid = ?", step))
                    .as(change).isInstanceOf(SQLException.class).hasMessageContaining("workflow_steps_valid");
        }
        update("UPDATE workflow_steps SET lease_owner = 'w1', lease_expires_at = now(), attempts = 1 WHERE step_uuid = ?", step);
        assertThat(count("workflow_steps")).isEqualTo(1);
    }

    @Test
    void deletingATaskDeletesItsStepsAndTheirEdgesTransitionsAndResultAudit() throws SQLException {
        UUID template = insertTemplate();
        UUID kept = insertTask(template, "pending");
        UUID deleted = insertTask(template, "pending");
        for (UUID task : List.of(kept, deleted)) {
            UUID step = UUID.randomUUID();
            UUID next = UUID.randomUUID();
            update("INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, handler_callable) "
                    + "VALUES (?, ?, 'charge', 'billing', 'java:Noop')", step, task);
            update("INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, handler_callable, pending_parents) "
                    + "VALUES (?, ?, 'ship', 'billing', 'java:Noop', 1)", next, task);
            update("INSERT INTO workflow_step_edges (task_uuid, from_step_uuid, to_step_uuid) VALUES (?, ?, ?)", task, step, next);
            update("INSERT INTO workflow_step_transitions (step_uuid, task_uuid, from_state, to_state) "
                    + "VALUES (?, ?, 'pending', 'in_progress')", step, task);
            update("INSERT INTO workflow_step_result_audit (step_uuid, task_uuid, attempt, success) VALUES (?, ?, 1, true)",
                    step, task);
        }

        // as an operator would, from a session whose search path does not name Tasker's schema
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL search_path TO public");
            s.execute("DELETE FROM " + db.schema() + ".tasks WHERE task_uuid = '" + deleted + "'");
            c.commit();
            c.setAutoCommit(true);
        }

        for (String table : List.of("workflow_steps", "workflow_step_edges", "workflow_step_transitions",
                "workflow_step_result_audit")) {
            assertThat(strings("SELECT DISTINCT task_uuid::text FROM " + table + " WHERE ? IS NOT NULL")).as(table)
                    .containsExactly(kept.toString());
        }
    }

    @Test
    void aTaskIdentityAndAStepNameWithinATaskAreUnique() throws SQLException {
        UUID template = insertTemplate();
        UUID task = insertTask(template, "pending", "same-identity");
        assertThatThrownBy(() -> insertTask(template, "pending", "same-identity"))
                .isInstanceOf(SQLException.class).hasMessageContaining("tasks_identity_hash_key");

        insertStep(task, "charge", "pending");
        assertThatThrownBy(() -> insertStep(task, "charge", "pending"))
                .isInstanceOf(SQLException.class).hasMessageContaining("workflow_steps_task_uuid_name_key");
    }

    @Test
    void aTemplateNamespaceMustBeLowercaseWordCharacters() {
        assertThatThrownBy(() -> insertTemplate("Bad-Namespace"))
                .isInstanceOf(SQLException.class).hasMessageContaining("task_templates_namespace_check");
    }

    @Test
    void anAppliedMigrationNewerThanThisBuildIsRefusedWithBothVersions() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                        installed_by, execution_time, success)
                    VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 1, true)
                    """);
        }

        assertThatThrownBy(() -> new SchemaMigrator(db.dataSource(), db.schema(), db.url()).migrate())
                .isInstanceOf(DatabaseStartupException.class)
                .hasMessageContaining("is at version 999, newer than this build of Tasker knows (version " + newestMigration() + ")")
                .hasMessageContaining("Run a newer Tasker");
    }

    /** The highest V<n>__ of the migrations this build carries. */
    private static int newestMigration() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                SchemaMigrationTest.class.getClassLoader().getResource("db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ?");
    }

    private List<String> columns() throws SQLException {
        return strings("""
                SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
                FROM information_schema.columns WHERE table_schema = ? ORDER BY 1""");
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.schema());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private UUID insertTemplate() throws SQLException {
        return insertTemplate("billing");
    }

    private UUID insertTemplate(String namespace) throws SQLException {
        UUID id = UUID.randomUUID();
        update("INSERT INTO task_templates (template_uuid, namespace, name, version, definition, definition_hash) "
                + "VALUES (?, ?, 'invoice', '1.0.0', '{}', 'h')", id, namespace);
        return id;
    }

    private UUID insertTask(UUID template, String state) throws SQLException {
        return insertTask(template, state, UUID.randomUUID().toString());
    }

    private UUID insertTask(UUID template, String state, String identity) throws SQLException {
        UUID id = UUID.randomUUID();
        update("INSERT INTO tasks (task_uuid, template_uuid, namespace, name, version, identity_hash, current_state) "
                + "VALUES (?, ?, 'billing', 'invoice', '1.0.0', ?, ?)", id, template, identity, state);
        return id;
    }

    private void insertStep(UUID task, String name, String state) throws SQLException {
        update("INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, handler_callable, current_state) "
                + "VALUES (?, ?, ?, 'billing', 'java:Noop', ?)", UUID.randomUUID(), task, name, state);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
