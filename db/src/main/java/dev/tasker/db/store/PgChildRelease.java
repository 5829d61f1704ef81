package dev.tasker.db.store;

import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A finished step's children, one parent fewer each; those that become ready are claimed by the finishing worker
 * in the same update (up to the permits it holds), so a child's row is written once, not twice.
 */
final class PgChildRelease {

    /** @param ready every child that became ready; @param claimed those of them this worker took */
    record Released(List<UUID> ready, List<ClaimedStep> claimed) {
        static final Released NONE = new Released(List.of(), List.of());
    }

    /**
     * The children of a parent, one parent fewer each, those that became ready claimed up to a limit, as CTEs
     * {@code kids}, {@code picked}, {@code kupd} and {@code kaudit}; the edges are read only when {@code %s} holds.
     * Binds with {@link #bindRelease}.
     */
    private static final String RELEASE_CTES = """
            kids AS (
                SELECT step_uuid, pending_parents = 1 AND current_state = 'pending' AS now_ready
                FROM workflow_steps
                WHERE step_uuid = ANY(ARRAY(SELECT to_step_uuid FROM workflow_step_edges WHERE from_step_uuid = ? AND %s))
                ORDER BY step_uuid
                FOR NO KEY UPDATE),
            picked AS (
                SELECT step_uuid, now_ready,
                       now_ready AND row_number() OVER (PARTITION BY now_ready ORDER BY step_uuid) <= ? AS claim
                FROM kids),
            kupd AS (
                UPDATE workflow_steps s
                SET pending_parents = s.pending_parents - 1, updated_at = clock_timestamp(),
                    current_state = CASE WHEN p.claim THEN 'in_progress' ELSE s.current_state END,
                    attempts = CASE WHEN p.claim THEN s.attempts + 1 ELSE s.attempts END,
                    lease_owner = CASE WHEN p.claim THEN ? ELSE s.lease_owner END,
                    lease_expires_at = CASE WHEN p.claim THEN clock_timestamp() + make_interval(secs => s.timeout_seconds + ?)
                                            ELSE s.lease_expires_at END,
                    started_at = CASE WHEN p.claim THEN clock_timestamp() ELSE s.started_at END
                FROM picked p WHERE s.step_uuid = p.step_uuid
                RETURNING s.*, p.now_ready, p.claim),
            kaudit AS (
                INSERT INTO workflow_step_transitions (step_uuid, task_uuid, from_state, to_state, attempt, worker, reason)
                SELECT step_uuid, task_uuid, 'pending', 'in_progress', attempts, ?, 'claimed on release' FROM kupd WHERE claim)""";

    private static final String RELEASE_AND_CLAIM = "WITH " + RELEASE_CTES.formatted("TRUE")
            + " SELECT c.claim, c.now_ready, " + PgStepQueue.CLAIMED_COLUMNS + " FROM kupd c";

    /**
     * A completed step's outcome, its children released and claimed, and its task locked and its state read, in one
     * statement: the task row is locked first (the finish requires it), then the step, then the children, the order
     * every writer uses. The first row carries the task's state and whether the step was finished; each child is a
     * row (none: one row with no child).
     */
    private static final String FINISH_RELEASE_AND_CLAIM = "WITH t AS (SELECT current_state FROM tasks WHERE task_uuid = ?"
            + " FOR NO KEY UPDATE), " + PgStepFinish.FINISH_CTES.formatted("EXISTS (SELECT 1 FROM t)") + ", "
            + RELEASE_CTES.formatted("EXISTS (SELECT 1 FROM upd)")
            + " SELECT (SELECT current_state FROM t) AS task_state, (SELECT count(*) FROM upd) AS finished,"
            + " c.claim, c.now_ready, " + PgStepQueue.CLAIMED_COLUMNS + " FROM (SELECT 1) one LEFT JOIN kupd c ON true";

    private PgChildRelease() {
    }

    /** Releases the children of {@code parent} and claims up to {@code claimAtMost} of those that became ready. */
    static Released releaseAndClaim(Connection c, UUID parent, String workerId, int claimAtMost, int leaseMarginSeconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RELEASE_AND_CLAIM)) {
            bindRelease(ps, 1, parent, workerId, claimAtMost, leaseMarginSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? released(rs) : Released.NONE;
            }
        }
    }

    /** What {@link #finishReleaseAndClaim} did: the task's state before, whether the step was finished, its children. */
    record Finished(TaskState taskState, boolean finished, Released released) {
    }

    /** Finishes a step that completed, releases its children and claims some, in one statement (see above). */
    static Finished finishReleaseAndClaim(Connection c, String workerId, ClaimedStep step, StepOutcome outcome,
                                          int claimAtMost, int leaseMarginSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH_RELEASE_AND_CLAIM)) {
            ps.setObject(1, step.taskUuid());
            int next = PgStepFinish.bindFinish(ps, 2, workerId, step, outcome);
            bindRelease(ps, next, step.stepUuid(), workerId, claimAtMost, leaseMarginSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String state = rs.getString("task_state");
                boolean finished = rs.getInt("finished") == 1;
                Released released = rs.getObject("claim") == null ? Released.NONE : released(rs);
                return new Finished(state == null ? null : TaskState.fromDb(state), finished, released);
            }
        }
    }

    private static void bindRelease(PreparedStatement ps, int first, UUID parent, String workerId, int claimAtMost,
                                    int leaseMarginSeconds) throws SQLException {
        ps.setObject(first, parent);
        ps.setInt(first + 1, claimAtMost);
        ps.setString(first + 2, workerId);
        ps.setInt(first + 3, leaseMarginSeconds);
        ps.setString(first + 4, workerId);
    }

    /** The children in the rows from the current one on. */
    private static Released released(ResultSet rs) throws SQLException {
        List<UUID> ready = new ArrayList<>();
        List<ClaimedStep> claimed = new ArrayList<>();
        do {
            if (rs.getBoolean("claim")) {
                ClaimedStep child = PgStepQueue.claimed(rs);
                claimed.add(child);
                ready.add(child.stepUuid());
            } else if (rs.getBoolean("now_ready")) {
                ready.add(rs.getObject("step_uuid", UUID.class));
            }
        } while (rs.next());
        return new Released(ready, claimed);
    }
}
