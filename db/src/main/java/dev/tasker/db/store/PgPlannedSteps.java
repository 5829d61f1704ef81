package dev.tasker.db.store;

import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.engine.PlannedStep;
import dev.tasker.core.engine.TaskFactory;
import dev.tasker.core.template.StepTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates the steps a decision chose or a batch needs, in the transaction that completes the decision or
 * batchable step. A step's parents are those of its planned parents that exist: a deferred convergence waits
 * only for the branches that were created.
 */
final class PgPlannedSteps {

    private record Existing(UUID uuid, String state) {
        boolean done() {
            return state.equals("complete") || state.equals("resolved_manually");
        }
    }

    private PgPlannedSteps() {
    }

    static void create(Connection c, ClaimedStep decision, List<PlannedStep> planned) throws SQLException {
        Map<String, Existing> existing = existing(c, decision.taskUuid());
        Map<String, UUID> ids = new HashMap<>();
        existing.forEach((name, e) -> ids.put(name, e.uuid()));
        List<PlannedStep> fresh = planned.stream().filter(s -> !existing.containsKey(s.name())).toList();
        Set<String> freshNames = fresh.stream().map(PlannedStep::name).collect(Collectors.toSet());
        fresh.forEach(s -> ids.put(s.name(), TaskFactory.newUuid()));
        List<NewTask.Step> steps = new ArrayList<>();
        List<NewTask.Edge> edges = new ArrayList<>();
        for (PlannedStep s : fresh) {
            int pending = 0;
            for (String parent : s.parents()) {
                if (!ids.containsKey(parent)) {
                    continue;
                }
                edges.add(new NewTask.Edge(ids.get(parent), ids.get(s.name())));
                if (freshNames.contains(parent) || parent.equals(decision.name()) || !existing.get(parent).done()) {
                    pending++;
                }
            }
            StepTemplate t = s.template();
            steps.add(new NewTask.Step(ids.get(s.name()), s.name(), t.type(), t.callable(), t.retry(), t.timeoutSeconds(),
                    pending, s.inputs(), s.name().equals(t.name()) ? null : t.name()));
        }
        PgTaskWriter.insertSteps(c, decision.taskUuid(), decision.namespace(), priority(c, decision.taskUuid()), steps);
        PgTaskWriter.insertEdges(c, decision.taskUuid(), edges);
    }

    private static Map<String, Existing> existing(Connection c, UUID taskUuid) throws SQLException {
        Map<String, Existing> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, step_uuid, current_state FROM workflow_steps WHERE task_uuid = ?")) {
            ps.setObject(1, taskUuid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static int priority(Connection c, UUID taskUuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT priority FROM tasks WHERE task_uuid = ?")) {
            ps.setObject(1, taskUuid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
