package dev.tasker.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The body of {@code POST /v1/tasks}; null fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewTask(String namespace, String name, String version, JsonNode context, String idempotencyKey,
                      Integer priority, String initiator, String sourceSystem, String reason, List<String> tags) {

    public static NewTask of(String namespace, String name, JsonNode context) {
        return new NewTask(namespace, name, null, context, null, null, null, null, null, null);
    }

    public NewTask withVersion(String newVersion) {
        return new NewTask(namespace, name, newVersion, context, idempotencyKey, priority, initiator, sourceSystem, reason, tags);
    }

    public NewTask withIdempotencyKey(String key) {
        return new NewTask(namespace, name, version, context, key, priority, initiator, sourceSystem, reason, tags);
    }
}
