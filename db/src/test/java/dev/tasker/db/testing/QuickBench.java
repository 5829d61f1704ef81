package dev.tasker.db.testing;

import dev.tasker.core.handler.StepResult;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Not a test: a quick measurement until the bench module exists. Per-stage latency of a 10-step chain of
 * no-op Java handlers (one task in flight), and steps/s with 50 tasks in flight for 20 s.
 * Uses TASKER_TEST_DATABASE_URL, else an embedded server.
 */
public final class QuickBench {

    private QuickBench() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder chain = new StringBuilder("name: chain\nnamespace_name: bench\nversion: 1.0.0\nsteps:\n");
        for (int i = 1; i <= 10; i++) {
            chain.append("  - { name: s").append(i).append(", handler: { callable: Noop }")
                    .append(i > 1 ? ", dependencies: [s" + (i - 1) + "]" : "").append(" }\n");
        }
        try (TestEngine engine = new TestEngine(s -> new dev.tasker.core.engine.WorkerSettings(s.workerId(), s.namespaces(), 32,
                s.pollInterval(), 5, java.time.Duration.ofSeconds(2)))) {
            engine.handler("Noop", ctx -> StepResult.success(null)).template(chain.toString());
            List<Double> perStage = new ArrayList<>();
            for (int i = 0; i < 230; i++) {
                UUID id = engine.submit("bench", "chain", "{\"i\": " + i + "}");
                while (!"complete".equals(state(engine, id))) {
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
                var task = engine.task(id);
                if (i >= 30) {
                    perStage.add(java.time.Duration.between(task.createdAt(), task.completedAt()).toNanos() / 1e6 / 10);
                }
            }
            Collections.sort(perStage);
            System.out.printf("latency: 10-step chain, per stage (task created_at to completed_at / 10): p50 %.2f ms, p95 %.2f ms%n",
                    perStage.get(perStage.size() / 2), perStage.get(perStage.size() * 95 / 100));

            long commits0 = commits(engine);
            int submitted = 0;
            long start = System.nanoTime();
            long end = start + 20_000_000_000L;
            long done = 0;
            java.util.ArrayDeque<UUID> inFlight = new java.util.ArrayDeque<>();
            while (System.nanoTime() < end) {
                while (inFlight.size() < 50) {
                    inFlight.add(engine.submit("bench", "chain", "{\"t\": " + submitted++ + "}"));
                }
                var finished = completed(engine, inFlight);
                inFlight.removeAll(finished);
                done += finished.size();
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long steps = count(engine, "SELECT count(*) FROM workflow_steps WHERE current_state = 'complete'") - 2000;
            long commits = commits(engine) - commits0;
            System.out.printf("throughput: 50 tasks in flight for %.1f s: %.0f steps/s, %.0f tasks/s, %.2f commits per step%n",
                    seconds, steps / seconds, done / seconds, (double) commits / steps);
        }
    }

    private static java.util.Set<UUID> completed(TestEngine engine, java.util.Collection<UUID> ids) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection(); var ps = c.prepareStatement(
                "SELECT task_uuid FROM tasks WHERE task_uuid = ANY(?) AND current_state = 'complete'")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            java.util.Set<UUID> out = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    private static String state(TestEngine engine, UUID id) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT current_state FROM tasks WHERE task_uuid = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(TestEngine engine, String sql) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long commits(TestEngine engine) throws Exception {
        return count(engine, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }
}
