package dev.tasker.db.store;

import dev.tasker.core.engine.ClaimedStep;

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

    private static final String RELEASE_AND_CLAIM = """
            WITH kids AS (
                SELECT step_uuid, pending_parents = 1 AND current_state = 'pending' AS now_ready
                FROM workflow_steps
                WHERE step_uuid = ANY(ARRAY(SELECT to_step_uuid FROM workflow_step_edges WHERE from_step_uuid = ?))
                ORDER BY step_uuid
                FOR NO KEY UPDATE),
            picked AS (
                SELECT step_uuid, now_ready,
                       now_ready AND row_number() OVER (PARTITION BY now_ready ORDER BY step_uuid) <= ? AS claim
                FROM kids),
            upd AS (
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
            audit AS (
                INSERT INTO workflow_step_transitions (step_uuid, task_uuid, from_state, to_state, attempt, worker, reason)
                SELECT step_uuid, task_uuid, 'pending', 'in_progress', attempts, ?, 'claimed on release' FROM upd WHERE claim)
            """ + "SELECT c.claim, c.now_ready, " + PgStepQueue.CLAIMED_COLUMNS
            + " FROM upd c";

    private PgChildRelease() {
    }

    /** Releases the children of {@code parent} and claims up to {@code claimAtMost} of those that became ready. */
    static Released releaseAndClaim(Connection c, UUID parent, String workerId, int claimAtMost, int leaseMarginSeconds)
            throws SQLException {
        List<UUID> ready = new ArrayList<>();
        List<ClaimedStep> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RELEASE_AND_CLAIM)) {
            ps.setObject(1, parent);
            ps.setInt(2, claimAtMost);
            ps.setString(3, workerId);
            ps.setInt(4, leaseMarginSeconds);
            ps.setString(5, workerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        ClaimedStep step = PgStepQueue.claimed(rs);
                        claimed.add(step);
                        ready.add(step.stepUuid());
                    } else if (rs.getBoolean(2)) {
                        ready.add(rs.getObject("step_uuid", UUID.class));
                    }
                }
            }
        }
        return new Released(ready, claimed);
    }
}
