package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.StepCounts;
import dev.tasker.core.engine.StepView;
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
import java.util.List;
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
                           s.created_at, s.started_at, s.completed_at, s.pending_parents
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
                    do {
                        if (rs.getObject(11) != null) {
                            StepState stepState = StepState.fromDb(rs.getString(13));
                            steps.add(new StepView(rs.getObject(11, UUID.class), taskUuid, rs.getString(12), stepState,
                                    rs.getInt(14), rs.getInt(15), Json.read(rs.getString(16)), Json.read(rs.getString(17)),
                                    Json.read(rs.getString(18)), instant(rs, 19), instant(rs, 20), instant(rs, 21)));
                            states.add(stepState);
                            pendingParents.add(rs.getInt(22));
                        }
                    } while (rs.next());
                    return Optional.of(new TaskView(uuid, namespace, name, version, state, context, priority, created, updated,
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
        String where = " WHERE (?::text IS NULL OR t.namespace = ?) AND (?::text IS NULL OR t.current_state = ?)";
        String state = filter.state() == null ? null : filter.state().dbName();
        return tx.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tasks t" + where)) {
                bindFilter(ps, filter.namespace(), state);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<TaskView> tasks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.task_uuid, t.namespace, t.name, t.version, t.current_state, t.context, t.priority, t.created_at,
                           t.updated_at, t.completed_at, counts.*
                    FROM tasks t
                    CROSS JOIN LATERAL (SELECT %s FROM workflow_steps s WHERE s.task_uuid = t.task_uuid) counts
                    """.formatted(TaskRollup.COUNT_COLUMNS) + where + " ORDER BY t.created_at DESC, t.task_uuid LIMIT ? OFFSET ?")) {
                bindFilter(ps, filter.namespace(), state);
                ps.setInt(5, filter.perPage());
                ps.setLong(6, (long) (filter.page() - 1) * filter.perPage());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tasks.add(new TaskView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                TaskState.fromDb(rs.getString(5)), Json.read(rs.getString(6)), rs.getInt(7), instant(rs, 8),
                                instant(rs, 9), instant(rs, 10), TaskRollup.counts(rs, 11), List.of()));
                    }
                }
            }
            return new TaskPage(tasks, total, filter.page(), filter.perPage());
        });
    }

    private static void bindFilter(PreparedStatement ps, String namespace, String state) throws SQLException {
        ps.setString(1, namespace);
        ps.setString(2, namespace);
        ps.setString(3, state);
        ps.setString(4, state);
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

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
