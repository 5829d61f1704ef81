package dev.tasker.db.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.NewTask;
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
 * Creates the steps a decision chose, in the transaction that completes the decision. A step's parents are
 * those of its declared dependencies that exist: a deferred convergence waits only for the branches that
 * were created.
 */
final class PgDecisionSteps {

    private record Existing(UUID uuid, String state) {
        boolean done() {
            return state.equals("complete") || state.equals("resolved_manually");
        }
    }

    private PgDecisionSteps() {
    }

    static void create(Connection c, ClaimedStep decision, List<StepTemplate> planned) throws SQLException {
        Map<String, Existing> existing = existing(c, decision.taskUuid());
        Map<String, UUID> ids = new HashMap<>();
        existing.forEach((name, e) -> ids.put(name, e.uuid()));
        List<StepTemplate> fresh = planned.stream().filter(s -> !existing.containsKey(s.name())).toList();
        Set<String> freshNames = fresh.stream().map(StepTemplate::name).collect(Collectors.toSet());
        fresh.forEach(s -> ids.put(s.name(), TaskFactory.newUuid()));
        List<NewTask.Step> steps = new ArrayList<>();
        List<NewTask.Edge> edges = new ArrayList<>();
        for (StepTemplate s : fresh) {
            int pending = 0;
            for (String parent : s.dependencies()) {
                if (!ids.containsKey(parent)) {
                    continue;
                }
                edges.add(new NewTask.Edge(ids.get(parent), ids.get(s.name())));
                if (freshNames.contains(parent) || parent.equals(decision.name()) || !existing.get(parent).done()) {
                    pending++;
                }
            }
            steps.add(new NewTask.Step(ids.get(s.name()), s.name(), s.type(), s.callable(), s.retry(), s.timeoutSeconds(),
                    pending, JsonNodeFactory.instance.objectNode()));
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
