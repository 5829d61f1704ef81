package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sub-workflows: when a child task ends, the step that started it completes with the child's result (its
 * final step's result, or each final step's by name) or fails with the child's first error; a child that an
 * operator repairs after it was blocked completes the step after all. Cancelling a task cancels its children.
 */
final class PgSubWorkflows {

    private static final String WORKER = "sub-workflows";

    private final Tx tx;
    private final Notifications notifications;

    PgSubWorkflows(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    void settleParent(UUID childTaskUuid) {
        tx.run(c -> {
            settle(c, childTaskUuid);
            return null;
        });
    }

    int settleOrphans(int limit) {
        List<UUID> ended = tx.read(c -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.task_uuid FROM tasks t JOIN workflow_steps p ON p.step_uuid = t.parent_step_uuid
                    WHERE t.parent_step_uuid IS NOT NULL
                      AND (p.current_state = 'enqueued_for_orchestration'
                           AND t.current_state IN ('complete', 'resolved_manually', 'blocked_by_failures', 'error', 'cancelled')
                        OR p.current_state = 'error' AND p.error->>'child_task_uuid' = t.task_uuid::text
                           AND t.current_state IN ('complete', 'resolved_manually'))
                    LIMIT ?""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return out;
        });
        ended.forEach(this::settleParent);
        return ended.size();
    }

    private void settle(Connection c, UUID child) throws SQLException {
        UUID parentStep;
        TaskState childState;
        String childName;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT parent_step_uuid, current_state, namespace || '/' || name FROM tasks WHERE task_uuid = ?")) {
            ps.setObject(1, child);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return;
                }
                parentStep = rs.getObject(1, UUID.class);
                childState = TaskState.fromDb(rs.getString(2));
                childName = rs.getString(3);
            }
        }
        boolean completed = childState == TaskState.COMPLETE || childState == TaskState.RESOLVED_MANUALLY;
        if (!completed && childState != TaskState.BLOCKED_BY_FAILURES && childState != TaskState.ERROR
                && childState != TaskState.CANCELLED) {
            return;
        }
        UUID parentTask = taskOf(c, parentStep);
        TaskState parentState = parentTask == null ? null : TaskRollup.lockTask(c, parentTask);
        if (parentState == null || parentState.isTerminal()) {
            return;
        }
        // A parent step failed by a blocked child completes after all when an operator repairs the child.
        String sql = """
                WITH cur AS (
                    SELECT step_uuid, current_state AS from_state FROM workflow_steps
                    WHERE step_uuid = ? AND (current_state = 'enqueued_for_orchestration'
                        OR ? AND current_state = 'error' AND error->>'child_task_uuid' = ?)
                    FOR NO KEY UPDATE),
                upd AS (
                    UPDATE workflow_steps s SET current_state = ?, result = ?::jsonb, error = ?::jsonb, updated_at = clock_timestamp(),
                        completed_at = CASE WHEN ? THEN clock_timestamp() ELSE completed_at END
                    FROM cur WHERE s.step_uuid = cur.step_uuid
                    RETURNING s.step_uuid, s.task_uuid, s.attempts, cur.from_state)
                """ + StepMove.insert("step_uuid", "task_uuid", "from_state", "?", "attempts", "?", "?", "upd");
        int changed;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parentStep);
            ps.setBoolean(2, completed);
            ps.setString(3, child.toString());
            StepMove move = completed ? StepMove.SETTLE_COMPLETED : StepMove.SETTLE_FAILED;
            ps.setString(4, move.to().dbName());
            ps.setString(5, completed ? result(c, child).toString() : null);
            ps.setString(6, completed ? null : error(c, child, childName, childState).toString());
            ps.setBoolean(7, completed);
            ps.setString(8, move.to().dbName());
            ps.setString(9, WORKER);
            ps.setString(10, "sub-workflow " + childName + " (" + child + ") ended " + childState.dbName());
            changed = ps.executeUpdate();
        }
        if (changed == 0) {
            return;
        }
        if (completed) {
            PgChildRelease.release(c, parentStep);
        }
        TaskState after = TaskRollup.rollUp(c, parentTask, parentState, WORKER,
                "sub-workflow " + childName + " ended " + childState.dbName());
        notifications.work(c);
        if (after != parentState) {
            settle(c, parentTask);
        }
    }

    /** The result of the child's only final step, or each final step's by name. */
    private static JsonNode result(Connection c, UUID child) throws SQLException {
        ObjectNode byName = JsonNodeFactory.instance.objectNode();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.name, s.result FROM workflow_steps s WHERE s.task_uuid = ?
                  AND NOT EXISTS (SELECT 1 FROM workflow_step_edges e WHERE e.from_step_uuid = s.step_uuid)
                ORDER BY s.name""")) {
            ps.setObject(1, child);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.set(rs.getString(1), rs.getString(2) == null ? Json.MAPPER.nullNode() : Json.read(rs.getString(2)));
                }
            }
        }
        return byName.size() == 1 ? byName.elements().next() : byName;
    }

    private static JsonNode error(Connection c, UUID child, String childName, TaskState state) throws SQLException {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error_type", "SubWorkflowFailed");
        error.put("retryable", false);
        error.put("child_task_uuid", child.toString());
        String detail = "";
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT name, error->>'message' FROM workflow_steps WHERE task_uuid = ? AND current_state = 'error'
                ORDER BY updated_at LIMIT 1""")) {
            ps.setObject(1, child);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    detail = ": step " + rs.getString(1) + " failed: " + rs.getString(2);
                }
            }
        }
        error.put("message", "sub-workflow " + childName + " (" + child + ") ended " + state.dbName() + detail);
        return error;
    }

    private static UUID taskOf(Connection c, UUID step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT task_uuid FROM workflow_steps WHERE step_uuid = ?")) {
            ps.setObject(1, step);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** The unfinished child tasks of a task's steps. */
    static List<UUID> openChildren(Connection c, UUID parentTask) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.task_uuid FROM tasks t JOIN workflow_steps s ON s.step_uuid = t.parent_step_uuid
                WHERE s.task_uuid = ? AND t.current_state NOT IN ('complete', 'error', 'cancelled', 'resolved_manually')""")) {
            ps.setObject(1, parentTask);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }
}
