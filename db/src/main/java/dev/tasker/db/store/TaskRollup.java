package dev.tasker.db.store;

import dev.tasker.core.engine.StepCounts;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Counts a task's steps and moves the task to the state they imply, with its audit row. The task row is locked. */
final class TaskRollup {

    private TaskRollup() {
    }

    static TaskState lockTask(Connection c, UUID taskUuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_state FROM tasks WHERE task_uuid = ? FOR NO KEY UPDATE")) {
            ps.setObject(1, taskUuid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? TaskState.fromDb(rs.getString(1)) : null;
            }
        }
    }

    /**
     * Whether a step of the task other than {@code step} is running or ready. While one is, a task in process stays in
     * process when a step completes (its steps cannot all be complete, and none has failed, or it would be blocked).
     */
    static boolean othersActive(Connection c, UUID taskUuid, UUID step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM workflow_steps WHERE task_uuid = ? AND step_uuid <> ?
                    AND (current_state IN ('in_progress', 'enqueued', 'enqueued_for_orchestration',
                                           'enqueued_as_error_for_orchestration')
                         OR (current_state = 'pending' AND pending_parents = 0)))""")) {
            ps.setObject(1, taskUuid);
            ps.setObject(2, step);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The columns of {@link #counts(ResultSet, int)}, over workflow_steps. */
    static final String COUNT_COLUMNS = """
            count(*),
            count(*) FILTER (WHERE current_state IN ('complete', 'resolved_manually')),
            count(*) FILTER (WHERE current_state = 'error'),
            count(*) FILTER (WHERE current_state IN ('in_progress', 'enqueued', 'enqueued_for_orchestration',
                                                     'enqueued_as_error_for_orchestration')),
            count(*) FILTER (WHERE current_state = 'waiting_for_retry'),
            count(*) FILTER (WHERE current_state = 'pending' AND pending_parents = 0),
            count(*) FILTER (WHERE current_state = 'pending' AND pending_parents > 0),
            count(*) FILTER (WHERE current_state = 'cancelled')""";

    static StepCounts counts(Connection c, UUID taskUuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COUNT_COLUMNS + " FROM workflow_steps WHERE task_uuid = ?")) {
            ps.setObject(1, taskUuid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return counts(rs, 1);
            }
        }
    }

    /** The eight counts of {@link #COUNT_COLUMNS}, starting at {@code first}. */
    static StepCounts counts(ResultSet rs, int first) throws SQLException {
        return new StepCounts(rs.getInt(first), rs.getInt(first + 1), rs.getInt(first + 2), rs.getInt(first + 3),
                rs.getInt(first + 4), rs.getInt(first + 5), rs.getInt(first + 6), rs.getInt(first + 7));
    }

    /** Moves the task to what its steps imply; answers the state it is in afterwards. */
    static TaskState rollUp(Connection c, UUID taskUuid, TaskState current, String worker, String reason) throws SQLException {
        TaskState next = counts(c, taskUuid).rollUp(current);
        if (next != current) {
            transition(c, taskUuid, current, next, worker, reason);
        }
        return next;
    }

    static void transition(Connection c, UUID taskUuid, TaskState from, TaskState to, String worker, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH upd AS (
                    UPDATE tasks SET current_state = ?, updated_at = clock_timestamp(),
                                     completed_at = CASE WHEN ? THEN clock_timestamp() ELSE completed_at END
                    WHERE task_uuid = ? RETURNING task_uuid)
                """ + TaskMove.insert("task_uuid", "?", "?", "?", "?", "upd"))) {
            ps.setString(1, to.dbName());
            ps.setBoolean(2, to == TaskState.COMPLETE || to == TaskState.RESOLVED_MANUALLY);
            ps.setObject(3, taskUuid);
            ps.setString(4, from.dbName());
            ps.setString(5, TaskMove.checked(from, to));
            ps.setString(6, worker);
            ps.setString(7, reason);
            ps.executeUpdate();
        }
    }
}
