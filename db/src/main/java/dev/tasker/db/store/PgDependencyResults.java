package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.DependencyResults;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The results of completed steps that claimed steps depend on: read by name, or held by the step that just finished. */
final class PgDependencyResults {

    private PgDependencyResults() {
    }

    /**
     * The results of the named completed steps, by task; a batch worker's template name stands for all its workers.
     * The arrays are read through subqueries so that PostgreSQL's estimates do not depend on their lengths and it
     * plans the statement once (given as they are, it planned it afresh at every call, seen in the benchmarks).
     */
    static Map<UUID, Map<String, JsonNode>> read(Connection c, Map<UUID, Set<String>> namesByTask) throws SQLException {
        Set<String> allNames = new HashSet<>();
        namesByTask.values().forEach(allNames::addAll);
        Map<UUID, Map<String, JsonNode>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT task_uuid, name, result, template_step FROM workflow_steps
                WHERE task_uuid = ANY(ARRAY(SELECT unnest(?::uuid[])))
                  AND (name = ANY(ARRAY(SELECT unnest(?::text[]))) OR template_step = ANY(ARRAY(SELECT unnest(?::text[]))))
                  AND current_state IN ('complete', 'resolved_manually')""")) {
            ps.setArray(1, c.createArrayOf("uuid", namesByTask.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", allNames.toArray()));
            ps.setArray(3, c.createArrayOf("text", allNames.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID task = rs.getObject(1, UUID.class);
                    String name = rs.getString(2);
                    Set<String> wanted = namesByTask.get(task);
                    if (wanted.contains(name) || (rs.getString(4) != null && wanted.contains(rs.getString(4)))) {
                        String result = rs.getString(3);
                        out.computeIfAbsent(task, k -> new HashMap<>())
                                .put(name, result == null ? Json.MAPPER.nullNode() : Json.read(result));
                    }
                }
            }
        }
        return out;
    }

    /** The results {@code wanted}: those the finishing step holds from memory, the others read. */
    static Map<UUID, Map<String, JsonNode>> forChildren(Connection c, ClaimedStep finishing, StepOutcome outcome,
                                                        Map<UUID, Set<String>> wanted) throws SQLException {
        Map<String, JsonNode> held = DependencyResults.heldBy(finishing, outcome);
        Map<UUID, Set<String>> missing = DependencyResults.missing(wanted, finishing.taskUuid(), held);
        Map<UUID, Map<String, JsonNode>> results = missing.isEmpty() ? new HashMap<>() : new HashMap<>(read(c, missing));
        results.merge(finishing.taskUuid(), held, (fromDb, known) -> {
            Map<String, JsonNode> both = new HashMap<>(known);
            both.putAll(fromDb);
            return both;
        });
        return results;
    }
}
