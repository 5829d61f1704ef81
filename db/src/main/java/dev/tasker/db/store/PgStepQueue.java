package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.ClaimFilter;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.ExpiredLease;
import dev.tasker.core.json.Json;
import dev.tasker.core.retry.Backoff;
import dev.tasker.core.retry.RetryPolicy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The step queue: claims with SKIP LOCKED, reads dependency results, expires the leases of dead workers. */
final class PgStepQueue {

    /**
     * What a worker needs of a claimed step, from the step row as c. The task's columns are looked up per row: a join
     * with tasks lets the planner hash all tasks when it misjudges how many steps were claimed (seen in the benchmarks).
     */
    static final String CLAIMED_COLUMNS = """
            c.task_uuid, (SELECT template_uuid FROM tasks WHERE task_uuid = c.task_uuid) AS template_uuid, c.step_uuid, c.name,
            coalesce(c.template_step, c.name) AS template_step, c.namespace, c.handler_callable, c.attempts, c.retryable,
            c.max_attempts, c.backoff, c.backoff_base_ms, c.max_backoff_ms, c.timeout_seconds,
            (SELECT context FROM tasks WHERE task_uuid = c.task_uuid) AS context, c.inputs, c.checkpoint""";

    /**
     * Takes ready steps: {@code %s} limits the namespaces, {@code %d} is how many. Both are in the text, so that each
     * form is a statement of its own with a plan of its own: with either as a parameter, PostgreSQL planned the claim
     * afresh at every call (0.5 ms each, seen in the benchmarks).
     */
    private static final String CLAIM = """
            WITH picked AS (%s),
            claimed AS (
                UPDATE workflow_steps s
                SET current_state = \s""" + StepMove.CLAIM.reaches() + """
                    , attempts = s.attempts + 1, lease_owner = ?,
                    lease_expires_at = clock_timestamp() + make_interval(secs => s.timeout_seconds + ?),
                    started_at = clock_timestamp(), updated_at = clock_timestamp(), waiting_attempt = NULL
                FROM picked WHERE s.step_uuid = picked.step_uuid
                RETURNING s.*, picked.prev_state),
            audit AS (
            """ + StepMove.insert("step_uuid", "task_uuid", "prev_state", StepMove.CLAIM.reaches(), "attempts", "?", "'claimed'",
            "claimed") + ")\nSELECT " + CLAIMED_COLUMNS + " FROM claimed c";

    /** Ready steps of the namespaces ({@code %s}), with some callables left out ({@code %s}), {@code %d} at most. */
    private static final String PICK = """
            SELECT step_uuid, current_state AS prev_state FROM workflow_steps
            WHERE pending_parents = 0 AND \s""" + StepMove.CLAIM.leaves("current_state") + """
              AND ready_at <= clock_timestamp() AND %s AND %s
            ORDER BY priority DESC, ready_at
            LIMIT %d FOR NO KEY UPDATE SKIP LOCKED""";

    /**
     * With shares: the rows picked as {@link #PICK} does (%s: the namespaces, %s: the left-out callables, %d: how many)
     * and marked with their share ({@code %s}: a CASE over the shares' callables), then kept only up to each share's
     * limit ({@code %s}: an array of the limits); the rows not kept are let go untouched when the statement ends.
     */
    private static final String PICK_SHARED = """
            SELECT step_uuid, prev_state FROM (
                SELECT step_uuid, prev_state, share,
                       row_number() OVER (PARTITION BY share ORDER BY priority DESC, ready_at) AS n
                FROM (SELECT step_uuid, current_state AS prev_state, priority, ready_at, %4$s AS share FROM workflow_steps
                      WHERE pending_parents = 0 AND \s""" + StepMove.CLAIM.leaves("current_state") + """
                        AND ready_at <= clock_timestamp() AND %1$s AND %2$s
                      ORDER BY priority DESC, ready_at
                      LIMIT %3$d FOR NO KEY UPDATE SKIP LOCKED) p) r
            WHERE share IS NULL OR n <= (ARRAY[%5$s])[share]""";

    /** Releases claimed steps as they were before (the attempt uncounted, their place in the queue kept). */
    private static final String RELEASE = """
            WITH upd AS (
                UPDATE workflow_steps SET current_state = \s""" + StepMove.HAND_BACK.reaches() + """
                    , attempts = attempts - 1,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = clock_timestamp(), waiting_attempt = NULL
                WHERE step_uuid = ANY(?::uuid[]) AND lease_owner = ? AND \s""" + StepMove.HAND_BACK.leaves("current_state") + """
                RETURNING step_uuid, task_uuid, attempts),
            tr AS (
            """ + StepMove.insert("step_uuid", "task_uuid", StepMove.HAND_BACK.left(), StepMove.HAND_BACK.reaches(), "attempts",
            "?", "?", "upd") + ")\nSELECT count(*) FROM upd";

    private final Tx tx;
    private final Notifications notifications;

    PgStepQueue(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    /**
     * One scan of the ready steps in queue order, full groups' callables left out; with shares, each share's steps
     * beyond its limit are let go within the statement (a locking SELECT cannot rank its rows itself).
     */
    List<ClaimedStep> claim(String workerId, Set<String> namespaces, int limit, int leaseMarginSeconds, ClaimFilter filter) {
        boolean any = namespaces.isEmpty();
        String ns = any ? "TRUE" : "namespace = ANY(?::text[])";
        boolean excluding = !filter.excluded().isEmpty();
        String excluded = excluding ? "handler_callable <> ALL(?::text[])" : "TRUE";
        List<String[]> shareCallables = new ArrayList<>();
        String picked;
        if (filter.shares().isEmpty()) {
            picked = PICK.formatted(ns, excluded, limit);
        } else {
            StringBuilder which = new StringBuilder("CASE");
            List<String> limits = new ArrayList<>();
            for (ClaimFilter.Share share : filter.shares()) {
                shareCallables.add(share.callables().toArray(String[]::new));
                which.append(" WHEN handler_callable = ANY(?::text[]) THEN ").append(shareCallables.size());
                limits.add(Integer.toString(share.atMost()));
            }
            picked = PICK_SHARED.formatted(ns, excluded, limit, which.append(" END"), String.join(", ", limits));
        }
        String statement = CLAIM.formatted(picked);
        return tx.single(c -> {
            List<ClaimedStep> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                int i = 1;
                // the CASE comes first in the text, then the namespaces and the left-out callables
                for (String[] callables : shareCallables) {
                    ps.setArray(i++, c.createArrayOf("text", callables));
                }
                if (!any) {
                    ps.setArray(i++, c.createArrayOf("text", namespaces.toArray()));
                }
                if (excluding) {
                    ps.setArray(i++, c.createArrayOf("text", filter.excluded().toArray()));
                }
                ps.setString(i++, workerId);
                ps.setInt(i++, leaseMarginSeconds);
                ps.setString(i, workerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(claimed(rs));
                    }
                }
            }
            return out;
        });
    }

    static ClaimedStep claimed(ResultSet rs) throws SQLException {
        RetryPolicy retry = new RetryPolicy(rs.getBoolean("retryable"), rs.getInt("max_attempts"),
                Backoff.fromYaml(rs.getString("backoff")).orElse(Backoff.EXPONENTIAL), rs.getInt("backoff_base_ms"),
                rs.getInt("max_backoff_ms"));
        return new ClaimedStep(rs.getObject("task_uuid", UUID.class), rs.getObject("template_uuid", UUID.class),
                rs.getObject("step_uuid", UUID.class), rs.getString("name"), rs.getString("template_step"), rs.getString("namespace"),
                rs.getString("handler_callable"), rs.getInt("attempts"), retry, rs.getInt("timeout_seconds"),
                Json.read(rs.getString("context")), Json.read(rs.getString("inputs")), Json.read(rs.getString("checkpoint")),
                Map.of());
    }

    Map<UUID, Map<String, JsonNode>> results(Map<UUID, Set<String>> namesByTask) {
        if (namesByTask.values().stream().allMatch(Set::isEmpty)) {
            return Map.of();
        }
        return tx.read(c -> PgDependencyResults.read(c, namesByTask));
    }

    /** Attempts in progress whose lease ran out, with the worker that held each and whether it ever started. */
    List<ExpiredLease> expiredLeases(int limit) {
        return tx.read(c -> {
            List<ExpiredLease> expired = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CLAIMED_COLUMNS + ", c.lease_owner, "
                    + "c.waiting_attempt IS NOT DISTINCT FROM c.attempts AS never_ran " + """
                    FROM workflow_steps c
                    WHERE c.lease_expires_at < clock_timestamp() AND c.current_state = 'in_progress'
                    LIMIT ?""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expired.add(new ExpiredLease(claimed(rs), rs.getString("lease_owner"), rs.getBoolean("never_ran")));
                    }
                }
            }
            return expired;
        });
    }

    /** Gives back this worker's unfinished steps at shutdown, their attempts uncounted. */
    int releaseLeases(String workerId, Collection<UUID> stepUuids) {
        return handBack(workerId, stepUuids, "worker shutting down; lease released");
    }

    int handBack(String workerId, Collection<UUID> stepUuids, String reason) {
        if (stepUuids.isEmpty()) {
            return 0;
        }
        return tx.run(c -> {
            Object[] ids = stepUuids.toArray();
            try (PreparedStatement lock = c.prepareStatement("""
                    SELECT 1 FROM tasks WHERE task_uuid IN (SELECT task_uuid FROM workflow_steps WHERE step_uuid = ANY(?::uuid[]))
                    ORDER BY task_uuid FOR NO KEY UPDATE""")) {
                lock.setArray(1, c.createArrayOf("uuid", ids));
                lock.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.setString(2, workerId);
                ps.setString(3, workerId);
                ps.setString(4, reason);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int released = rs.getInt(1);
                    if (released > 0) {
                        notifications.work(c);
                    }
                    return released;
                }
            }
        });
    }

    void markWaiting(String workerId, Collection<ClaimedStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE workflow_steps s SET waiting_attempt = w.attempt
                    FROM unnest(?::uuid[], ?::int[]) AS w(step_uuid, attempt)
                    WHERE s.step_uuid = w.step_uuid AND s.attempts = w.attempt AND s.lease_owner = ?
                      AND s.current_state = 'in_progress'""")) {
                ps.setArray(1, c.createArrayOf("uuid", steps.stream().map(ClaimedStep::stepUuid).toArray()));
                ps.setArray(2, c.createArrayOf("integer", steps.stream().map(ClaimedStep::attempt).toArray()));
                ps.setString(3, workerId);
                return ps.executeUpdate();
            }
        });
    }

    boolean markStarting(String workerId, ClaimedStep step) {
        return tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE workflow_steps SET waiting_attempt = NULL
                    WHERE step_uuid = ? AND lease_owner = ? AND attempts = ? AND current_state = 'in_progress'""")) {
                ps.setObject(1, step.stepUuid());
                ps.setString(2, workerId);
                ps.setInt(3, step.attempt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean extendLease(String workerId, ClaimedStep step, int seconds) {
        return tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE workflow_steps SET lease_expires_at = GREATEST(lease_expires_at, clock_timestamp() + make_interval(secs => ?))
                    WHERE step_uuid = ? AND lease_owner = ? AND attempts = ? AND current_state = 'in_progress'""")) {
                ps.setInt(1, seconds);
                ps.setObject(2, step.stepUuid());
                ps.setString(3, workerId);
                ps.setInt(4, step.attempt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean saveCheckpoint(String workerId, ClaimedStep step, JsonNode checkpoint, int leaseMarginSeconds) {
        return tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE workflow_steps SET checkpoint = ?::jsonb, updated_at = clock_timestamp(),
                        lease_expires_at = GREATEST(lease_expires_at,
                                                    clock_timestamp() + make_interval(secs => timeout_seconds + ?))
                    WHERE step_uuid = ? AND lease_owner = ? AND attempts = ? AND current_state = 'in_progress'""")) {
                ps.setString(1, checkpoint.toString());
                ps.setInt(2, leaseMarginSeconds);
                ps.setObject(3, step.stepUuid());
                ps.setString(4, workerId);
                ps.setInt(5, step.attempt());
                return ps.executeUpdate() == 1;
            }
        });
    }
}
