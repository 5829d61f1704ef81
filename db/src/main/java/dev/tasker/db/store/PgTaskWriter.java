package dev.tasker.db.store;

import dev.tasker.core.engine.DuplicateTaskException;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Creates a task with all its steps, edges and first transitions in one transaction of a few statements. */
final class PgTaskWriter {

    private final Tx tx;
    private final Notifications notifications;

    PgTaskWriter(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    void create(NewTask task) {
        tx.run(c -> {
            insert(c, task);
            notifications.work(c);
            return null;
        });
    }

    /** The task's rows on an open transaction (a sub-workflow is created in its parent step's). */
    static void insert(Connection c, NewTask task) throws SQLException {
        if (!insertTask(c, task)) {
            throw new DuplicateTaskException(existing(c, task.identityHash()));
        }
        insertSteps(c, task.taskUuid(), task.namespace(), task.priority(), task.steps());
        insertEdges(c, task.taskUuid(), task.edges());
        TaskState first = task.steps().isEmpty() ? TaskState.COMPLETE : TaskState.STEPS_IN_PROCESS;
        TaskRollup.transition(c, task.taskUuid(), TaskState.PENDING, first, null, "created");
    }

    private static boolean insertTask(Connection c, NewTask t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH ins AS (
                    INSERT INTO tasks (task_uuid, template_uuid, namespace, name, version, context, identity_hash,
                                       idempotency_key, priority, initiator, source_system, reason, tags, parent_step_uuid)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (identity_hash) DO NOTHING
                    RETURNING task_uuid)
                INSERT INTO task_transitions (task_uuid, from_state, to_state, reason)
                SELECT task_uuid, NULL, 'pending', 'submitted' FROM ins""")) {
            ps.setObject(1, t.taskUuid());
            ps.setObject(2, t.templateUuid());
            ps.setString(3, t.namespace());
            ps.setString(4, t.name());
            ps.setString(5, t.version());
            ps.setString(6, t.context().toString());
            ps.setString(7, t.identityHash());
            ps.setString(8, t.idempotencyKey());
            ps.setInt(9, t.priority());
            ps.setString(10, t.initiator());
            ps.setString(11, t.sourceSystem());
            ps.setString(12, t.reason());
            ps.setString(13, t.tags().toString());
            ps.setObject(14, t.parentStepUuid());
            return ps.executeUpdate() == 1;
        }
    }

    private static UUID existing(Connection c, String identityHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT task_uuid FROM tasks WHERE identity_hash = ?")) {
            ps.setString(1, identityHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /** Steps with their first transition; also used for the steps a decision creates. */
    static void insertSteps(Connection c, UUID taskUuid, String namespace, int priority, List<NewTask.Step> steps)
            throws SQLException {
        int n = steps.size();
        Object[] ids = new Object[n];
        Object[] names = new Object[n];
        Object[] types = new Object[n];
        Object[] callables = new Object[n];
        Object[] maxAttempts = new Object[n];
        Object[] retryable = new Object[n];
        Object[] backoff = new Object[n];
        Object[] base = new Object[n];
        Object[] cap = new Object[n];
        Object[] timeout = new Object[n];
        Object[] parents = new Object[n];
        Object[] inputs = new Object[n];
        Object[] templateSteps = new Object[n];
        for (int i = 0; i < n; i++) {
            NewTask.Step s = steps.get(i);
            ids[i] = s.stepUuid();
            names[i] = s.name();
            types[i] = s.type().yamlName();
            callables[i] = s.callable();
            maxAttempts[i] = s.retry().maxAttempts();
            retryable[i] = s.retry().retryable();
            backoff[i] = s.retry().backoff().yamlName();
            base[i] = (int) Math.min(Integer.MAX_VALUE, s.retry().baseMs());
            cap[i] = (int) Math.min(Integer.MAX_VALUE, s.retry().maxBackoffMs());
            timeout[i] = s.timeoutSeconds();
            parents[i] = s.pendingParents();
            inputs[i] = s.inputs().toString();
            templateSteps[i] = s.templateStep();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH ins AS (
                    INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, priority, step_type, handler_callable,
                        max_attempts, retryable, backoff, backoff_base_ms, max_backoff_ms, timeout_seconds, pending_parents, inputs,
                        template_step)
                    SELECT u.id, ?, u.name, ?, ?, u.type, u.callable, u.max_attempts, u.retryable, u.backoff, u.base, u.cap,
                           u.timeout, u.parents, u.inputs::jsonb, u.template_step
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[], ?::text[], ?::int[],
                                ?::int[], ?::int[], ?::int[], ?::text[], ?::text[])
                         AS u(id, name, type, callable, max_attempts, retryable, backoff, base, cap, timeout, parents, inputs,
                              template_step)
                    RETURNING step_uuid, task_uuid)
                INSERT INTO workflow_step_transitions (step_uuid, task_uuid, from_state, to_state, attempt, reason)
                SELECT step_uuid, task_uuid, NULL, 'pending', 0, 'created' FROM ins""")) {
            ps.setObject(1, taskUuid);
            ps.setString(2, namespace);
            ps.setInt(3, priority);
            ps.setArray(4, c.createArrayOf("uuid", ids));
            ps.setArray(5, c.createArrayOf("text", names));
            ps.setArray(6, c.createArrayOf("text", types));
            ps.setArray(7, c.createArrayOf("text", callables));
            ps.setArray(8, c.createArrayOf("int4", maxAttempts));
            ps.setArray(9, c.createArrayOf("bool", retryable));
            ps.setArray(10, c.createArrayOf("text", backoff));
            ps.setArray(11, c.createArrayOf("int4", base));
            ps.setArray(12, c.createArrayOf("int4", cap));
            ps.setArray(13, c.createArrayOf("int4", timeout));
            ps.setArray(14, c.createArrayOf("int4", parents));
            ps.setArray(15, c.createArrayOf("text", inputs));
            ps.setArray(16, c.createArrayOf("text", templateSteps));
            ps.executeUpdate();
        }
    }

    static void insertEdges(Connection c, UUID taskUuid, List<NewTask.Edge> edges) throws SQLException {
        if (edges.isEmpty()) {
            return;
        }
        Object[] from = edges.stream().map(NewTask.Edge::from).toArray();
        Object[] to = edges.stream().map(NewTask.Edge::to).toArray();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO workflow_step_edges (task_uuid, from_step_uuid, to_step_uuid)
                SELECT ?, f, t FROM unnest(?::uuid[], ?::uuid[]) AS e(f, t)""")) {
            ps.setObject(1, taskUuid);
            ps.setArray(2, c.createArrayOf("uuid", from));
            ps.setArray(3, c.createArrayOf("uuid", to));
            ps.executeUpdate();
        }
    }
}
