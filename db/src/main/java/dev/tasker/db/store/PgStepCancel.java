package dev.tasker.db.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Cancels some steps of a task, each with its transition row, in one statement. */
final class PgStepCancel {

    private PgStepCancel() {
    }

    /**
     * @param which       a condition on {@code workflow_steps} choosing the task's steps to cancel
     * @param whichParams the values of that condition's placeholders
     */
    static void cancel(Connection c, UUID taskUuid, String which, String worker, String reason, Object... whichParams)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH prev AS (
                    SELECT step_uuid, current_state FROM workflow_steps
                    WHERE task_uuid = ? AND (%s) AND %s
                    FOR NO KEY UPDATE),
                upd AS (
                    UPDATE workflow_steps s SET current_state = %s, lease_owner = NULL, lease_expires_at = NULL,
                        updated_at = clock_timestamp()
                    FROM prev WHERE s.step_uuid = prev.step_uuid
                    RETURNING s.step_uuid, s.task_uuid, s.attempts, prev.current_state AS from_state)
                %s""".formatted(which, StepMove.CANCEL.leaves("current_state"), StepMove.CANCEL.reaches(),
                StepMove.insert("step_uuid", "task_uuid", "from_state", StepMove.CANCEL.reaches(), "attempts", "?", "?", "upd")))) {
            ps.setObject(1, taskUuid);
            int i = 2;
            for (Object param : whichParams) {
                ps.setObject(i++, param);
            }
            ps.setString(i++, worker);
            ps.setString(i, reason);
            ps.executeUpdate();
        }
    }
}
