package dev.tasker.db.store;

import dev.tasker.core.analytics.Analytics;
import dev.tasker.core.analytics.Bottlenecks;
import dev.tasker.core.analytics.PerformanceMetrics;
import dev.tasker.core.analytics.SlowStep;
import dev.tasker.core.analytics.SlowTask;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Analytics over a window: tasks by {@code created_at} (index {@code tasks_listing}), attempts by
 * {@code finished_at} (index {@code workflow_step_result_audit_by_time}), so a request reads the window, not the tables.
 */
public final class PgAnalytics implements Analytics {

    private final Tx tx;
    private final DoubleSupplier poolUtilization;

    /** @param poolUtilization the share of the connection pool in use, 0 to 1 */
    public PgAnalytics(DataSource dataSource, DoubleSupplier poolUtilization) {
        this.tx = new Tx(dataSource);
        this.poolUtilization = poolUtilization;
    }

    @Override
    public PerformanceMetrics performance(int hours) {
        Instant now = Instant.now();
        Instant since = now.minus(Duration.ofHours(hours));
        return tx.run(c -> {
            forAnalysis(c);
            long total, active, completed, failed;
            double taskSeconds;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*),
                           count(*) FILTER (WHERE current_state NOT IN ('complete', 'error', 'cancelled', 'resolved_manually')),
                           count(*) FILTER (WHERE current_state IN ('complete', 'resolved_manually')),
                           count(*) FILTER (WHERE current_state IN ('error', 'blocked_by_failures')),
                           coalesce(avg(extract(epoch FROM completed_at - created_at)) FILTER (WHERE current_state = 'complete'), 0)
                    FROM tasks WHERE created_at >= ?""")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                    active = rs.getLong(2);
                    completed = rs.getLong(3);
                    failed = rs.getLong(4);
                    taskSeconds = rs.getDouble(5);
                }
            }
            long attempts;
            double stepSeconds;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*), coalesce(avg(extract(epoch FROM finished_at - started_at)), 0)
                    FROM workflow_step_result_audit WHERE finished_at >= ?""")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    attempts = rs.getLong(1);
                    stepSeconds = rs.getDouble(2);
                }
            }
            double health = completed + failed == 0 ? 1.0 : round(completed / (double) (completed + failed), 3);
            return new PerformanceMetrics(total, active, completed, failed, percent(completed, total), percent(failed, total),
                    round(taskSeconds, 3), round(stepSeconds, 3), total / hours, attempts / hours, health, since, now);
        });
    }

    @Override
    public Bottlenecks bottlenecks(int hours, int limit, int minExecutions) {
        Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofHours(hours)));
        return tx.run(c -> {
            forAnalysis(c);
            List<SlowStep> steps = slowSteps(c, since, limit, minExecutions);
            List<SlowTask> tasks = slowTasks(c, since, limit, minExecutions);
            Map<String, Long> counts = systemHealth(c, since);
            double pool = round(poolUtilization.getAsDouble(), 3);
            return new Bottlenecks(steps, tasks, new Bottlenecks.ResourceUtilization(pool, counts),
                    recommendations(steps, tasks, counts, pool));
        });
    }

    /**
     * A long window aggregates hundreds of thousands of rows: JIT compiling the plan cost more than it saved (255 ms of
     * 630 on 100k tasks, measured), and the default work_mem spilled the hash aggregates to disk.
     */
    private static void forAnalysis(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL jit = off");
            s.execute("SET LOCAL work_mem = '32MB'");
        }
    }

    private static List<SlowStep> slowSteps(Connection c, Timestamp since, int limit, int minExecutions) throws SQLException {
        List<SlowStep> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.namespace, t.name, t.version, coalesce(s.template_step, s.name),
                       avg(extract(epoch FROM a.finished_at - a.started_at)), max(extract(epoch FROM a.finished_at - a.started_at)),
                       count(*), count(*) FILTER (WHERE NOT a.success), max(a.finished_at)
                FROM workflow_step_result_audit a
                JOIN workflow_steps s ON s.step_uuid = a.step_uuid
                JOIN tasks t ON t.task_uuid = a.task_uuid
                WHERE a.finished_at >= ? AND a.started_at IS NOT NULL
                GROUP BY 1, 2, 3, 4 HAVING count(*) >= ?
                ORDER BY 5 DESC LIMIT ?""")) {
            ps.setTimestamp(1, since);
            ps.setInt(2, minExecutions);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long runs = rs.getLong(7);
                    long errors = rs.getLong(8);
                    out.add(new SlowStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            round(rs.getDouble(5), 3), round(rs.getDouble(6), 3), runs, errors, percent(errors, runs),
                            PgTaskQueries.instant(rs, 9)));
                }
            }
        }
        return out;
    }

    private static List<SlowTask> slowTasks(Connection c, Timestamp since, int limit, int minExecutions) throws SQLException {
        List<SlowTask> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.namespace, t.name, t.version,
                       coalesce(avg(extract(epoch FROM t.completed_at - t.created_at)) FILTER (WHERE t.current_state = 'complete'), 0),
                       coalesce(max(extract(epoch FROM t.completed_at - t.created_at)) FILTER (WHERE t.current_state = 'complete'), 0),
                       count(*),
                       avg(coalesce(sc.steps, 0)),
                       count(*) FILTER (WHERE t.current_state IN ('error', 'blocked_by_failures')),
                       max(coalesce(t.completed_at, t.updated_at))
                FROM tasks t
                LEFT JOIN (SELECT s.task_uuid, count(*) AS steps FROM workflow_steps s
                           JOIN tasks w ON w.task_uuid = s.task_uuid AND w.created_at >= ? GROUP BY s.task_uuid) sc
                       ON sc.task_uuid = t.task_uuid
                WHERE t.created_at >= ?
                GROUP BY 1, 2, 3 HAVING count(*) >= ?
                ORDER BY 4 DESC LIMIT ?""")) {
            ps.setTimestamp(1, since);
            ps.setTimestamp(2, since);
            ps.setInt(3, minExecutions);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long runs = rs.getLong(6);
                    long errors = rs.getLong(8);
                    out.add(new SlowTask(rs.getString(1), rs.getString(2), rs.getString(3), round(rs.getDouble(4), 3),
                            round(rs.getDouble(5), 3), runs, round(rs.getDouble(7), 2), errors, percent(errors, runs),
                            PgTaskQueries.instant(rs, 9)));
                }
            }
        }
        return out;
    }

    /** Tasker's SystemHealthCounts, over the tasks created in the window and their steps. */
    private static Map<String, Long> systemHealth(Connection c, Timestamp since) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TaskState state : TaskState.values()) {
            counts.put(state.dbName() + "_tasks", 0L);
        }
        counts.put("total_tasks", 0L);
        for (StepState state : StepState.values()) {
            counts.put(state.dbName() + "_steps", 0L);
        }
        counts.put("total_steps", 0L);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT current_state || '_tasks', count(*) FROM tasks WHERE created_at >= ? GROUP BY 1
                UNION ALL
                SELECT s.current_state || '_steps', count(*) FROM tasks t JOIN workflow_steps s ON s.task_uuid = t.task_uuid
                WHERE t.created_at >= ? GROUP BY 1""")) {
            ps.setTimestamp(1, since);
            ps.setTimestamp(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    counts.put(key, rs.getLong(2));
                    String total = key.endsWith("_tasks") ? "total_tasks" : "total_steps";
                    counts.merge(total, rs.getLong(2), Long::sum);
                }
            }
        }
        return counts;
    }

    private static List<String> recommendations(List<SlowStep> steps, List<SlowTask> tasks, Map<String, Long> counts,
                                                double pool) {
        List<String> out = new ArrayList<>();
        steps.stream().filter(s -> s.errorRate() >= 10).forEach(s -> out.add(String.format(Locale.ROOT,
                "step %s of %s/%s@%s failed %d of %d attempts (%.1f%%): see its errors in the step audit",
                s.stepName(), s.namespaceName(), s.taskName(), s.version(), s.errorCount(), s.executionCount(), s.errorRate())));
        if (!steps.isEmpty()) {
            SlowStep slowest = steps.getFirst();
            out.add(String.format(Locale.ROOT, "the slowest step is %s of %s/%s@%s: %.3f s on average, %.3f s at most",
                    slowest.stepName(), slowest.namespaceName(), slowest.taskName(), slowest.version(),
                    slowest.averageDurationSeconds(), slowest.maxDurationSeconds()));
        }
        long blocked = counts.getOrDefault("blocked_by_failures_tasks", 0L) + counts.getOrDefault("error_tasks", 0L);
        if (blocked > 0) {
            out.add(blocked + (blocked == 1 ? " task is" : " tasks are")
                    + " blocked by failed steps: GET /v1/dlq/investigation-queue lists them");
        }
        if (pool >= 0.8) {
            out.add(String.format(Locale.ROOT, "the database pool is %.0f%% in use: raise tasker.database.max-pool-size",
                    pool * 100));
        }
        if (out.isEmpty()) {
            out.add(tasks.isEmpty() && steps.isEmpty() ? "no tasks ran in this window" : "no bottleneck stands out");
        }
        return out;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : round(100.0 * part / whole, 2);
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
