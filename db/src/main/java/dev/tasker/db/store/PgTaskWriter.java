package dev.tasker.db.store;

import dev.tasker.core.engine.CreatedTask;
import dev.tasker.core.engine.DuplicateTaskException;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.engine.RootClaim;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates a task with all its steps, edges and first transitions in one statement; its first ready steps may be
 * claimed in it by the creating JVM's worker.
 */
final class PgTaskWriter {

    private final Tx tx;
    private final Notifications notifications;

    PgTaskWriter(Tx tx, Notifications notifications) {
        this.tx = tx;
        this.notifications = notifications;
    }

    CreatedTask create(NewTask task, RootClaim claim) {
        return tx.single(c -> insert(c, task, claim, notifications));
    }

    /**
     * The task's rows in one statement (a sub-workflow's in its parent step's transaction), its first ready steps
     * claimed as {@code claim} says; wakes the workers of other JVMs when it commits if ready steps are left. Answers
     * the task as created.
     */
    static CreatedTask insert(Connection c, NewTask task, RootClaim claim, Notifications notifications) throws SQLException {
        TaskState first = task.initialState();
        String firstState = TaskMove.checked(TaskState.PENDING, first);
        try (PreparedStatement ps = c.prepareStatement(INSERT_TASK)) {
            int i = bindTask(ps, 1, task);
            ps.setString(i++, firstState);
            ps.setBoolean(i++, first == TaskState.COMPLETE);
            ps.setString(i++, firstState);
            List<NewTask.Step> ready = task.readySteps();
            List<NewTask.Step> claimed = ready.subList(0, Math.min(ready.size(), claim.atMost()));
            i = bindSteps(c, ps, i, task.taskUuid(), task.namespace(), task.priority(), task.steps(),
                    claimed.stream().map(NewTask.Step::stepUuid).collect(Collectors.toSet()), claim);
            ps.setObject(i++, task.taskUuid());
            ps.setArray(i++, c.createArrayOf("uuid", task.edges().stream().map(NewTask.Edge::from).toArray()));
            ps.setArray(i++, c.createArrayOf("uuid", task.edges().stream().map(NewTask.Edge::to).toArray()));
            ps.setBoolean(i++, claimed.size() < ready.size());
            ps.setString(i++, notifications.channel());
            ps.setString(i, Notifications.workPayload(task.namespace()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new DuplicateTaskException(existing(c, task.identityHash()));
                }
                Map<UUID, Instant> stepsCreated = new HashMap<>();
                Map<UUID, Instant> stepsStarted = new HashMap<>();
                Json.read(rs.getString(2)).properties().forEach(e -> {
                    UUID step = UUID.fromString(e.getKey());
                    stepsCreated.put(step, OffsetDateTime.parse(e.getValue().get(0).asText()).toInstant());
                    if (!e.getValue().get(1).isNull()) {
                        stepsStarted.put(step, OffsetDateTime.parse(e.getValue().get(1).asText()).toInstant());
                    }
                });
                return new CreatedTask(task.created(rs.getTimestamp(1).toInstant(), stepsCreated, stepsStarted),
                        claimed.stream().map(task::claimedAtCreation).toList());
            }
        }
    }

    private static int bindTask(PreparedStatement ps, int first, NewTask t) throws SQLException {
        int i = first;
        ps.setObject(i++, t.taskUuid());
        ps.setObject(i++, t.templateUuid());
        ps.setString(i++, t.namespace());
        ps.setString(i++, t.name());
        ps.setString(i++, t.version());
        ps.setString(i++, t.context().toString());
        ps.setString(i++, t.identityHash());
        ps.setString(i++, t.idempotencyKey());
        ps.setInt(i++, t.priority());
        ps.setString(i++, t.origin().initiator());
        ps.setString(i++, t.origin().sourceSystem());
        ps.setString(i++, t.origin().reason());
        ps.setString(i++, Json.toTree(t.origin().tags()).toString());
        ps.setObject(i++, t.origin().correlationId());
        ps.setObject(i++, t.origin().parentCorrelationId());
        ps.setObject(i++, t.parentStepUuid());
        return i;
    }

    private static UUID existing(Connection c, String identityHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT task_uuid FROM tasks WHERE identity_hash = ?")) {
            ps.setString(1, identityHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    /**
     * Steps with their first transitions, as CTEs {@code steps} and {@code step_tr}, inserted when {@code %s} holds;
     * those marked claimed are written in progress, leased to the creating worker. Binds with {@link #bindSteps}.
     */
    private static final String STEP_CTES = """
            steps AS (
                INSERT INTO workflow_steps (step_uuid, task_uuid, name, namespace, priority, step_type, handler_callable,
                    max_attempts, retryable, backoff, backoff_base_ms, max_backoff_ms, timeout_seconds, pending_parents, inputs,
                    template_step, current_state, attempts, lease_owner, lease_expires_at, started_at)
                SELECT u.id, ?, u.name, ?, ?, u.type, u.callable, u.max_attempts, u.retryable, u.backoff, u.base, u.cap,
                       u.timeout, u.parents, u.inputs::jsonb, u.template_step,
                       CASE WHEN u.claimed THEN \s""" + StepMove.CLAIM_PENDING.reaches() + " ELSE " + StepMove.CLAIM_PENDING.left()
            + """
                     END, CASE WHEN u.claimed THEN 1 ELSE 0 END,
                       CASE WHEN u.claimed THEN ?::text END,
                       CASE WHEN u.claimed THEN clock_timestamp() + make_interval(secs => u.timeout + ?) END,
                       CASE WHEN u.claimed THEN clock_timestamp() END
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[], ?::text[], ?::int[],
                            ?::int[], ?::int[], ?::int[], ?::text[], ?::text[], ?::boolean[])
                     AS u(id, name, type, callable, max_attempts, retryable, backoff, base, cap, timeout, parents, inputs,
                          template_step, claimed)
                WHERE %s
                RETURNING step_uuid, task_uuid, created_at, started_at),
            step_tr AS (
            """ + StepMove.insert("s.step_uuid", "s.task_uuid", "v.from_state", "v.to_state", "v.attempt", "v.worker", "v.reason",
            "steps s, LATERAL (VALUES (1, NULL::text, " + StepMove.CLAIM_PENDING.left() + ", 0, NULL::text, 'created'), (2, "
            + StepMove.CLAIM_PENDING.left() + ", " + StepMove.CLAIM_PENDING.reaches() + ", 1, ?::text, 'claimed at creation'))"
            + " AS v(n, from_state, to_state, attempt, worker, reason) WHERE v.n = 1 OR s.started_at IS NOT NULL"
            + " ORDER BY s.step_uuid, v.n") + ")";

    /**
     * The task in the state its steps put it in, its two first transitions, its steps with theirs, and its edges, in
     * one statement; the steps and edges only when the task row was inserted (its identity is new).
     */
    private static final String INSERT_TASK = """
            WITH ins AS (
                INSERT INTO tasks (task_uuid, template_uuid, namespace, name, version, context, identity_hash,
                                   idempotency_key, priority, initiator, source_system, reason, tags, correlation_id,
                                   parent_correlation_id, parent_step_uuid, current_state, completed_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?,
                        CASE WHEN ? THEN clock_timestamp() END)
                ON CONFLICT (identity_hash) DO NOTHING
                RETURNING task_uuid, created_at),
            ttr AS (
            """ + TaskMove.insert("ins.task_uuid", "v.from_state", "v.to_state", "NULL", "v.reason", "ins, (VALUES (1, NULL, '"
            + TaskState.PENDING.dbName() + "', 'submitted'), (2, '" + TaskState.PENDING.dbName() + "', ?, 'created'))"
            + " AS v(n, from_state, to_state, reason) ORDER BY v.n") + "),\n" + STEP_CTES.formatted("EXISTS (SELECT 1 FROM ins)") + """
            ,
            edges AS (
                INSERT INTO workflow_step_edges (task_uuid, from_step_uuid, to_step_uuid)
                SELECT ?, f, t FROM unnest(?::uuid[], ?::uuid[]) AS e(f, t) WHERE EXISTS (SELECT 1 FROM ins))
            SELECT ins.created_at,
                   (SELECT coalesce(json_object_agg(step_uuid, json_build_array(created_at, started_at)), '{}') FROM steps),
                   CASE WHEN ? THEN pg_notify(?, ?) END
            FROM ins""";

    /** Steps with their first transition, for a task that exists (the steps a decision creates). */
    static void insertSteps(Connection c, UUID taskUuid, String namespace, int priority, List<NewTask.Step> steps)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH " + STEP_CTES.formatted("TRUE") + " SELECT count(*) FROM steps")) {
            bindSteps(c, ps, 1, taskUuid, namespace, priority, steps, Set.of(), RootClaim.NONE);
            ps.executeQuery().close();
        }
    }

    /** Binds the parameters of {@link #STEP_CTES} from {@code first}; answers the next index. */
    private static int bindSteps(Connection c, PreparedStatement ps, int first, UUID taskUuid, String namespace,
                                 int priority, List<NewTask.Step> steps, Set<UUID> claimed, RootClaim claim)
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
        Object[] claimedSteps = new Object[n];
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
            claimedSteps[i] = claimed.contains(s.stepUuid());
        }
        int i = first;
        ps.setObject(i++, taskUuid);
        ps.setString(i++, namespace);
        ps.setInt(i++, priority);
        ps.setString(i++, claim.workerId());
        ps.setInt(i++, claim.leaseMarginSeconds());
        ps.setArray(i++, c.createArrayOf("uuid", ids));
        ps.setArray(i++, c.createArrayOf("text", names));
        ps.setArray(i++, c.createArrayOf("text", types));
        ps.setArray(i++, c.createArrayOf("text", callables));
        ps.setArray(i++, c.createArrayOf("int4", maxAttempts));
        ps.setArray(i++, c.createArrayOf("bool", retryable));
        ps.setArray(i++, c.createArrayOf("text", backoff));
        ps.setArray(i++, c.createArrayOf("int4", base));
        ps.setArray(i++, c.createArrayOf("int4", cap));
        ps.setArray(i++, c.createArrayOf("int4", timeout));
        ps.setArray(i++, c.createArrayOf("int4", parents));
        ps.setArray(i++, c.createArrayOf("text", inputs));
        ps.setArray(i++, c.createArrayOf("text", templateSteps));
        ps.setArray(i++, c.createArrayOf("bool", claimedSteps));
        ps.setString(i++, claim.workerId());
        return i;
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
