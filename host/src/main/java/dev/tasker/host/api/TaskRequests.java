package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.TaskRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /v1/tasks}, checked field by field. */
final class TaskRequests {

    private static final Set<String> FIELDS = Set.of("namespace", "name", "version", "context", "idempotency_key", "priority",
            "initiator", "source_system", "reason", "tags");

    private TaskRequests() {
    }

    static TaskRequest read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        });
        String namespace = text(body, "namespace", true, problems);
        String name = text(body, "name", true, problems);
        String version = text(body, "version", false, problems);
        JsonNode context = body.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            problems.add("'context' must be a JSON object, not " + kind(context));
        }
        Integer priority = null;
        JsonNode p = body.get("priority");
        if (p != null && !p.isNull()) {
            if (!p.canConvertToInt() || !p.isIntegralNumber()) {
                problems.add("'priority' must be an integer, not " + kind(p));
            } else {
                priority = p.asInt();
            }
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = body.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                problems.add("'tags' must be an array of strings, not " + kind(t));
            } else {
                t.forEach(tag -> {
                    if (tag.isTextual()) {
                        tags.add(tag.asText());
                    } else {
                        problems.add("'tags' must hold only strings, not " + kind(tag));
                    }
                });
            }
        }
        String idempotencyKey = text(body, "idempotency_key", false, problems);
        String initiator = text(body, "initiator", false, problems);
        String sourceSystem = text(body, "source_system", false, problems);
        String reason = text(body, "reason", false, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(io.helidon.http.Status.BAD_REQUEST_400, "invalid_request", String.join("; ", problems),
                    java.util.Map.of("problems", problems));
        }
        return new TaskRequest(namespace, name, version, context == null || context.isNull() ? null : context, idempotencyKey,
                priority, initiator, sourceSystem, reason, tags);
    }

    private static String text(JsonNode body, String field, boolean required, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add("'" + field + "' is required (a string)");
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add("'" + field + "' must be a string, not " + kind(v));
            return null;
        }
        if (required && v.asText().isBlank()) {
            problems.add("'" + field + "' must not be empty");
        }
        return v.asText();
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number (" + v.asText() + ")";
            case BOOLEAN -> "a boolean (" + v.asText() + ")";
            case STRING -> "a string (\"" + v.asText() + "\")";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
