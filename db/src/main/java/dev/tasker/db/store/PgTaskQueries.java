package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.StepCounts;
import dev.tasker.core.engine.StepAuditEntry;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskOrigin;
import dev.tasker.core.engine.TaskFilter;
import dev.tasker.core.engine.TaskPage;
import dev.tasker.core.engine.TaskQueries;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The read side: tasks with their steps, and the audit trail. */
public final class PgTaskQueries implements TaskQueries {

    private final Tx tx;

    public PgTaskQueries(DataSource dataSource) {
        this.tx = new Tx(dataSource);
    }

    /** The task and its steps from one statement, so one snapshot: a complete task never shows a step before it finished. */
    @Override
    public Optional<TaskView> task(UUID taskUuid) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.task_uuid, t.namespace, t.name, t.version, t.current_state, t.context, t.priority, t.created_at,
                           t.updated_at, t.completed_at,
                           s.step_uuid, s.name, s.current_state, s.attempts, s.max_attempts, s.result, s.error, s.inputs,
                           s.created_at, s.started_at, s.completed_at, s.pending_parents,
                           (SELECT array_agg(p.name ORDER BY p.name) FROM workflow_step_edges e
                            JOIN workflow_steps p ON p.step_uuid = e.from_step_uuid WHERE e.to_step_uuid = s.step_uuid),
                           s.retryable, s.updated_at, s.ready_at,
                           (SELECT max(a.finished_at) FROM workflow_step_result_audit a
                            WHERE a.step_uuid = s.step_uuid AND NOT a.success),
                           """ + ORIGIN_COLUMNS + "\n" + """
                    FROM tasks t LEFT JOIN workflow_steps s ON s.task_uuid = t.task_uuid
                    WHERE t.task_uuid = ? ORDER BY s.created_at, s.name""")) {
                ps.setObject(1, taskUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<StepView> steps = new ArrayList<>();
                    List<StepState> states = new ArrayList<>();
                    List<Integer> pendingParents = new ArrayList<>();
                    UUID uuid = rs.getObject(1, UUID.class);
                    String namespace = rs.getString(2);
                    String name = rs.getString(3);
                    String version = rs.getString(4);
                    TaskState state = TaskState.fromDb(rs.getString(5));
                    JsonNode context = Json.read(rs.getString(6));
                    int priority = rs.getInt(7);
                    Instant created = instant(rs, 8);
                    Instant updated = instant(rs, 9);
                    Instant completed = instant(rs, 10);
                    TaskOrigin origin = origin(rs, 28);
                    do {
                        if (rs.getObject(11) != null) {
                            StepState stepState = StepState.fromDb(rs.getString(13));
                            steps.add(new StepView(rs.getObject(11, UUID.class), taskUuid, rs.getString(12), stepState,
                                    rs.getInt(14), rs.getInt(15), Json.read(rs.getString(16)), Json.read(rs.getString(17)),
                                    Json.read(rs.getString(18)), instant(rs, 19), instant(rs, 20), instant(rs, 21),
                                    names(rs, 23), rs.getInt(22), rs.getBoolean(24), instant(rs, 25), instant(rs, 26),
                                    instant(rs, 27)));
                            states.add(stepState);
                            pendingParents.add(rs.getInt(22));
                        }
                    } while (rs.next());
                    return Optional.of(new TaskView(uuid, namespace, name, version, state, context, priority, origin, created, updated,
                            completed, StepCounts.of(states, pendingParents), List.copyOf(steps)));
                }
            }
        });
    }

    @Override
    public long readySteps() {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM workflow_steps WHERE current_state = 'pending' AND pending_parents = 0");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public TaskPage tasks(TaskFilter filter) {
        String matching = " WHERE (?::text IS NULL OR t.namespace = ?) AND (?::text IS NULL OR t.name = ?)"
                + " AND (?::text IS NULL OR t.initiator = ?) AND (?::text IS NULL OR t.source_system = ?)";
        String where = matching + " AND (?::text IS NULL OR t.current_state = ?)";
        return tx.read(c -> {
            Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT t.current_state, count(*) FROM tasks t" + matching
                    + " GROUP BY t.current_state")) {
                bindFilter(ps, filter, false);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(TaskState.fromDb(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            long total = filter.state() == null ? counts.values().stream().mapToLong(Long::longValue).sum()
                    : counts.getOrDefault(filter.state(), 0L);
            List<TaskView> tasks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.task_uuid, t.namespace, t.name, t.version, t.current_state, t.context, t.priority, t.created_at,
                           t.updated_at, t.completed_at, """ + ORIGIN_COLUMNS + "\n" + """
                           , counts.*
                    FROM tasks t
                    CROSS JOIN LATERAL (SELECT %s FROM workflow_steps s WHERE s.task_uuid = t.task_uuid) counts
                    """.formatted(TaskRollup.COUNT_COLUMNS) + where + " ORDER BY t.created_at DESC, t.task_uuid LIMIT ? OFFSET ?")) {
                int next = bindFilter(ps, filter, true);
                ps.setInt(next, filter.perPage());
                ps.setLong(next + 1, (long) (filter.page() - 1) * filter.perPage());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(new TaskView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                TaskState.fromDb(rs.getString(5)), Json.read(rs.getString(6)), rs.getInt(7), origin(rs, 11),
                                instant(rs, 8), instant(rs, 9), instant(rs, 10), TaskRollup.counts(rs, 17), List.of()));
                    }
                }
            }
            return new TaskPage(tasks, total, filter.page(), filter.perPage(), counts);
        });
    }

    private static List<String> names(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Six columns, read by {@link #origin}. */
    private static final String ORIGIN_COLUMNS =
            "t.initiator, t.source_system, t.reason, t.tags, coalesce(t.correlation_id, t.task_uuid), t.parent_correlation_id";

    private static TaskOrigin origin(ResultSet rs, int first) throws SQLException {
        List<String> tags = new ArrayList<>();
        JsonNode tagArray = Json.read(rs.getString(first + 3));
        if (tagArray != null) {
            tagArray.forEach(tag -> tags.add(tag.asText()));
        }
        return new TaskOrigin(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), tags,
                rs.getObject(first + 4, UUID.class), rs.getObject(first + 5, UUID.class));
    }

    /** Binds the filter's values (its state last, when {@code withState}) and answers the next parameter's index. */
    private static int bindFilter(PreparedStatement ps, TaskFilter filter, boolean withState) throws SQLException {
        List<String> values = new ArrayList<>(java.util.Arrays.asList(filter.namespace(), filter.name(), filter.initiator(),
                filter.sourceSystem()));
        if (withState) {
            values.add(filter.state() == null ? null : filter.state().dbName());
        }
        int index = 1;
        for (String value : values) {
            ps.setString(index++, value);
            ps.setString(index++, value);
        }
        return index;
    }

    @Override
    public List<StepAuditEntry> stepAudit(UUID stepUuid) {
        return tx.read(c -> {
            List<StepAuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.id, t.from_state, t.to_state, t.attempt, t.worker, t.reason, t.created_at, a.success,
                           CASE WHEN a.success THEN a.result ELSE a.error END,
                           (extract(epoch FROM a.finished_at - a.started_at) * 1000)::bigint
                    FROM workflow_step_transitions t
                    LEFT JOIN LATERAL (
                        SELECT success, result, error, started_at, finished_at FROM workflow_step_result_audit r
                        WHERE r.step_uuid = t.step_uuid AND r.attempt = t.attempt AND t.from_state = 'in_progress'
                          AND t.to_state IN ('complete', 'error', 'waiting_for_retry')
                        ORDER BY r.id DESC LIMIT 1) a ON true
                    WHERE t.step_uuid = ? ORDER BY t.id""")) {
                ps.setObject(1, stepUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Boolean success = rs.getObject(8) == null ? null : rs.getBoolean(8);
                        Long millis = rs.getObject(10) == null ? null : rs.getLong(10);
                        out.add(new StepAuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6), instant(rs, 7), success, Json.read(rs.getString(9)), millis));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Transition> stepTransitions(UUID stepUuid) {
        return transitions("""
                SELECT from_state, to_state, attempt, worker, reason, created_at FROM workflow_step_transitions
                WHERE step_uuid = ? ORDER BY id""", stepUuid);
    }

    @Override
    public List<Transition> taskTransitions(UUID taskUuid) {
        return transitions("""
                SELECT from_state, to_state, 0, worker, reason, created_at FROM task_transitions
                WHERE task_uuid = ? ORDER BY id""", taskUuid);
    }

    private List<Transition> transitions(String sql, UUID id) {
        return tx.read(c -> {
            List<Transition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Transition(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                rs.getString(5), instant(rs, 6)));
                    }
                }
            }
            return out;
        });
    }

    /** A nullable timestamp column. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
