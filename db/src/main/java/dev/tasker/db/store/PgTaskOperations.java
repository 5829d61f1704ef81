package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.TaskOperationException;
import dev.tasker.core.state.OperatorAction;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.StepTransitions;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** What an operator does to a task: cancel it, or act on one of its steps. Each is one transaction. */
final class PgTaskOperations {

    private static final String OPERATOR = "operator";

    private final Tx tx;
    private final Notifications notifications;

    PgTaskOperations(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    void cancel(UUID taskUuid, String reason) {
        tx.run(c -> {
            TaskState state = existingTask(c, taskUuid);
            if (state.isTerminal()) {
                throw new TaskOperationException("task " + taskUuid + " is already " + state.dbName()
                        + "; only a task that has not finished can be cancelled");
            }
            cancelOpen(c, taskUuid, state, reason);
            return null;
        });
    }

    /** Cancels a task that has not finished, and its sub-workflows (parent before child, the lock order). */
    private void cancelOpen(java.sql.Connection c, UUID taskUuid, TaskState state, String reason) throws java.sql.SQLException {
        PgStepCancel.cancel(c, taskUuid, "current_state NOT IN ('complete', 'error', 'cancelled', 'resolved_manually')",
                OPERATOR, reason);
        TaskRollup.transition(c, taskUuid, state, TaskState.CANCELLED, OPERATOR, reason);
        notifications.cancel(c, taskUuid);
        for (UUID child : PgSubWorkflows.openChildren(c, taskUuid)) {
            TaskState childState = TaskRollup.lockTask(c, child);
            if (childState != null && !childState.isTerminal()) {
                cancelOpen(c, child, childState, "parent task " + taskUuid + " was cancelled");
            }
        }
    }

    void resetForRetry(UUID taskUuid, UUID stepUuid, String reason) {
        act(taskUuid, stepUuid, OperatorAction.RESET_FOR_RETRY, null, reason, """
                UPDATE workflow_steps SET current_state = 'pending', attempts = 0, error = NULL, checkpoint = NULL,
                    ready_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE step_uuid = ?""");
    }

    void resolveManually(UUID taskUuid, UUID stepUuid, String reason) {
        act(taskUuid, stepUuid, OperatorAction.RESOLVE_MANUALLY, null, reason, """
                UPDATE workflow_steps SET current_state = 'resolved_manually', completed_at = clock_timestamp(),
                    updated_at = clock_timestamp()
                WHERE step_uuid = ?""");
    }

    void completeManually(UUID taskUuid, UUID stepUuid, JsonNode result, String reason) {
        act(taskUuid, stepUuid, OperatorAction.COMPLETE_MANUALLY, result, reason, """
                UPDATE workflow_steps SET current_state = 'complete', result = ?::jsonb, error = NULL,
                    completed_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE step_uuid = ?""");
    }

    private void act(UUID taskUuid, UUID stepUuid, OperatorAction action, JsonNode result, String reason, String sql) {
        StepState to = action.target();
        tx.run(c -> {
            TaskState task = existingTask(c, taskUuid);
            if (task == TaskState.CANCELLED || task == TaskState.COMPLETE || task == TaskState.RESOLVED_MANUALLY) {
                throw new TaskOperationException("task " + taskUuid + " is " + task.dbName() + "; its steps can no longer change");
            }
            StepState from = stepState(c, taskUuid, stepUuid);
            if (!action.appliesTo(from) || !StepTransitions.isAllowed(from, to)) {
                throw new TaskOperationException("step " + stepUuid + " is " + from.dbName() + "; "
                        + action.apiName() + " applies to " + action.appliesToText());
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (result != null) {
                    ps.setString(i++, result.toString());
                }
                ps.setObject(i, stepUuid);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    """ + StepMove.insert("step_uuid", "task_uuid", "?", "?", "attempts", "?", "?", "workflow_steps WHERE step_uuid = ?"))) {
                ps.setString(1, from.dbName());
                ps.setString(2, StepMove.checked(from, to));
                ps.setString(3, OPERATOR);
                ps.setString(4, action.apiName() + (reason == null ? "" : ": " + reason));
                ps.setObject(5, stepUuid);
                ps.executeUpdate();
            }
            int released = to.satisfiesDependents() ? PgChildRelease.release(c, stepUuid).size() : 0;
            TaskRollup.rollUp(c, taskUuid, task, OPERATOR, action.apiName() + " of a step");
            if (released > 0 || to == StepState.PENDING) {
                notifications.work(c);
            }
            return null;
        });
    }

    private static TaskState existingTask(Connection c, UUID taskUuid) throws SQLException {
        TaskState state = TaskRollup.lockTask(c, taskUuid);
        if (state == null) {
            throw new TaskNotFoundException(taskUuid);
        }
        return state;
    }

    private static StepState stepState(Connection c, UUID taskUuid, UUID stepUuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT current_state FROM workflow_steps WHERE step_uuid = ? AND task_uuid = ? FOR NO KEY UPDATE")) {
            ps.setObject(1, stepUuid);
            ps.setObject(2, taskUuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TaskNotFoundException("task " + taskUuid + " has no step " + stepUuid);
                }
                return StepState.fromDb(rs.getString(1));
            }
        }
    }
}
