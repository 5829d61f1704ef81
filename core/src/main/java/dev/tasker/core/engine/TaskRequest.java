package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A request to run a workflow, as POST /v1/tasks takes it. */
public record TaskRequest(String namespace, String name, String version, JsonNode context, String idempotencyKey,
                          Integer priority, String initiator, String sourceSystem, String reason, List<String> tags) {

    public static TaskRequest of(String namespace, String name, JsonNode context) {
        return new TaskRequest(namespace, name, null, context, null, null, null, null, null, List.of());
    }

    public TaskRequest withIdempotencyKey(String key) {
        return new TaskRequest(namespace, name, version, context, key, priority, initiator, sourceSystem, reason, tags);
    }
}
