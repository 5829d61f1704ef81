package dev.tasker.db;

import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerStatisticsTest {

    private Database db;
    private PlannerStatistics statistics;

    @BeforeEach
    void openFreshSchema() {
        db = TestDatabases.freshSchema();
        statistics = PlannerStatistics.start(db.dataSource(), db.schema(), 3_600_000);
    }

    @AfterEach
    void close() {
        statistics.close();
        db.close();
    }

    @Test
    void aTableThatMoreThanDoubledIsAnalyzedSoThePlannerSeesItsRows() throws Exception {
        insertTasks(1_200);

        assertThat(awaitPlannerRowCount("tasks", 1_200)).isEqualTo(1_200);
        assertThat(plannerRowCount("workflow_steps")).isLessThan(0);
    }

    @Test
    void aTableWithFewRowsIsLeftToAutovacuum() throws Exception {
        insertTasks(100);
        awaitLiveRows("tasks", 100);

        assertThat(statistics.refresh()).isEmpty();
    }

    private long awaitPlannerRowCount(String table, long rows) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (plannerRowCount(table) != rows && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return plannerRowCount(table);
    }

    /** Row counts reach pg_stat_user_tables a moment after the inserting transaction ends. */
    private void awaitLiveRows(String table, long rows) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT n_live_tup FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?")) {
                ps.setString(1, db.schema());
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == rows) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(table + " never showed " + rows + " live rows in pg_stat_user_tables");
    }

    private void insertTasks(int count) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO task_templates (template_uuid, namespace, name, version, definition, definition_hash)
                    VALUES ('00000000-0000-0000-0000-000000000001', 'billing', 'invoice', '1.0.0', '{}', 'h')""");
            s.execute("""
                    INSERT INTO tasks (task_uuid, template_uuid, namespace, name, version, identity_hash)
                    SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'billing', 'invoice', '1.0.0', 'i' || n
                    FROM generate_series(1, %d) n""".formatted(count));
        }
    }

    private long plannerRowCount(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?""")) {
            ps.setString(1, db.schema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
