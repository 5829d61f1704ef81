package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;

import static dev.tasker.core.json.Hashing.sha256;


/** DESIGN §5: the idempotency key if given, else a hash of template and context with keys sorted. */
public final class TaskIdentity {

    private TaskIdentity() {
    }

    public static String of(String namespace, String name, String version, JsonNode context, String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return "key:" + sha256(namespace + "/" + name + "\n" + idempotencyKey);
        }
        return "ctx:" + sha256(namespace + "/" + name + "@" + version + "\n" + Json.canonical(context));
    }

}
