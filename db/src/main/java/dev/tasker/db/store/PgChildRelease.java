package dev.tasker.db.store;

import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finished steps' children, one parent fewer each; those that become ready are claimed by the finishing worker
 * in the same update (up to the permits it holds), so a child's row is written once, not twice. Completed steps are
 * finished together with their children's release, any number in one statement.
 */
final class PgChildRelease {

    /** @param ready every child that became ready; @param claimed those of them this worker took */
    record Released(List<UUID> ready, List<ClaimedStep> claimed) {
        static final Released NONE = new Released(List.of(), List.of());
    }

    /**
     * The children of the finished steps in CTE {@code done(step_uuid, claim_limit, ord)}, as CTEs {@code kids},
     * {@code locked}, {@code picked}, {@code kupd} and {@code kaudit}: each child has one parent fewer for each of its
     * parents in {@code done}; those that become ready are claimed, up to each finished step's {@code claim_limit}, and
     * are credited ({@code via}) to the first of their parents in {@code done}. The edges and the children are read by
     * key: a join here lets the planner pick a sequential scan of all steps when one template fans out widely (seen in
     * the benchmarks).
     */
    static final String RELEASE_CTES = """
            kids AS (
                SELECT e.to_step_uuid AS step_uuid, count(*) AS finished_parents, min(d.ord) AS via
                FROM workflow_step_edges e JOIN done d ON d.step_uuid = e.from_step_uuid
                WHERE e.from_step_uuid = ANY(ARRAY(SELECT step_uuid FROM done))
                GROUP BY e.to_step_uuid),
            locked AS (
                SELECT step_uuid, pending_parents, current_state FROM workflow_steps
                WHERE step_uuid = ANY(ARRAY(SELECT step_uuid FROM kids))
                ORDER BY step_uuid
                FOR NO KEY UPDATE),
            picked AS (
                SELECT l.step_uuid, k.finished_parents, k.via, r.now_ready,
                       r.now_ready AND row_number() OVER (PARTITION BY k.via, r.now_ready ORDER BY l.step_uuid)
                           <= d.claim_limit AS claim
                FROM locked l JOIN kids k ON k.step_uuid = l.step_uuid JOIN done d ON d.ord = k.via,
                     LATERAL (SELECT l.pending_parents = k.finished_parents AND l.current_state = 'pending' AS now_ready) r),
            kupd AS (
                UPDATE workflow_steps s
                SET pending_parents = s.pending_parents - p.finished_parents, updated_at = clock_timestamp(),
                    current_state = CASE WHEN p.claim THEN \s""" + StepMove.CLAIM_PENDING.reaches() + """
                     ELSE s.current_state END,
                    attempts = CASE WHEN p.claim THEN s.attempts + 1 ELSE s.attempts END,
                    lease_owner = CASE WHEN p.claim THEN ? ELSE s.lease_owner END,
                    lease_expires_at = CASE WHEN p.claim THEN clock_timestamp() + make_interval(secs => s.timeout_seconds + ?)
                                            ELSE s.lease_expires_at END,
                    started_at = CASE WHEN p.claim THEN clock_timestamp() ELSE s.started_at END,
                    waiting_attempt = CASE WHEN p.claim THEN NULL ELSE s.waiting_attempt END
                FROM picked p WHERE s.step_uuid = p.step_uuid
                RETURNING s.*, p.now_ready, p.claim, p.via),
            kaudit AS (
            """ + StepMove.insert("step_uuid", "task_uuid", StepMove.CLAIM_PENDING.left(), StepMove.CLAIM_PENDING.reaches(),
            "attempts", "?", "'claimed on release'", "kupd WHERE claim ORDER BY step_uuid") + ")";

    private static final String RELEASE_AND_CLAIM = "WITH done AS (SELECT ?::uuid AS step_uuid, ?::int AS claim_limit,"
            + " 1::bigint AS ord), " + RELEASE_CTES + " SELECT 1::bigint AS ord, NULL AS task_state, true AS finished,"
            + " c.claim, c.now_ready, "
            + PgStepQueue.CLAIMED_COLUMNS + " FROM kupd c ORDER BY c.step_uuid";

    private PgChildRelease() {
    }

    /** Releases the children of {@code parent}; answers those that became ready (none is claimed). */
    static List<UUID> release(Connection c, UUID parent) throws SQLException {
        return releaseAndClaim(c, parent, null, 0, 0).ready();
    }

    /** Releases the children of {@code parent} and claims up to {@code claimAtMost} of those that became ready. */
    static Released releaseAndClaim(Connection c, UUID parent, String workerId, int claimAtMost, int leaseMarginSeconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RELEASE_AND_CLAIM)) {
            ps.setObject(1, parent);
            ps.setInt(2, claimAtMost);
            bindClaim(ps, 3, workerId, leaseMarginSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs, 1).getFirst().released();
            }
        }
    }

    /** What {@link PgStepOutcomes#write} did to one step: its task's state before, whether it was finished, its children. */
    record Finished(TaskState taskState, boolean finished, Released released) {
    }

    static void bindClaim(PreparedStatement ps, int first, String workerId, int leaseMarginSeconds)
            throws SQLException {
        ps.setString(first, workerId);
        ps.setInt(first + 1, leaseMarginSeconds);
        ps.setString(first + 2, workerId);
    }

    /**
     * What happened to each of {@code n} finished steps, from rows ordered by {@code ord} (1 to n): the step's task
     * state and whether it was finished, and a child in the rest of the row when it has one.
     */
    static List<Finished> read(ResultSet rs, int n) throws SQLException {
        List<Finished> out = new ArrayList<>(n);
        List<UUID> ready = new ArrayList<>();
        List<ClaimedStep> claimed = new ArrayList<>();
        TaskState taskState = null;
        boolean finished = false;
        int current = 1;
        while (rs.next()) {
            int ord = rs.getInt("ord");
            if (ord != current) {
                out.add(new Finished(taskState, finished, new Released(List.copyOf(ready), List.copyOf(claimed))));
                ready.clear();
                claimed.clear();
                current = ord;
            }
            String state = rs.getString("task_state");
            taskState = state == null ? null : TaskState.fromDb(state);
            finished = rs.getBoolean("finished");
            if (rs.getObject("claim") == null) {
                continue;
            }
            if (rs.getBoolean("claim")) {
                ClaimedStep child = PgStepQueue.claimed(rs);
                claimed.add(child);
                ready.add(child.stepUuid());
            } else if (rs.getBoolean("now_ready")) {
                ready.add(rs.getObject("step_uuid", UUID.class));
            }
        }
        out.add(new Finished(taskState, finished, new Released(List.copyOf(ready), List.copyOf(claimed))));
        return out;
    }
}
