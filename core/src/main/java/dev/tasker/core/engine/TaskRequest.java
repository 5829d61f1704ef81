package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

/**
 * A request to run a workflow, as POST /v1/tasks takes it.
 *
 * @param correlationId       null: the task gets a new one
 * @param parentCorrelationId the correlation id of the workflow that asked for this one, or null
 */
public record TaskRequest(String namespace, String name, String version, JsonNode context, String idempotencyKey,
                          Integer priority, String initiator, String sourceSystem, String reason, List<String> tags,
                          UUID correlationId, UUID parentCorrelationId) {

    public TaskRequest(String namespace, String name, String version, JsonNode context, String idempotencyKey,
                       Integer priority, String initiator, String sourceSystem, String reason, List<String> tags) {
        this(namespace, name, version, context, idempotencyKey, priority, initiator, sourceSystem, reason, tags, null, null);
    }

    public static TaskRequest of(String namespace, String name, JsonNode context) {
        return new TaskRequest(namespace, name, null, context, null, null, null, null, null, List.of());
    }

    public TaskRequest withIdempotencyKey(String key) {
        return new TaskRequest(namespace, name, version, context, key, priority, initiator, sourceSystem, reason, tags,
                correlationId, parentCorrelationId);
    }
}
