package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.TaskRequest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /v1/tasks}: Tasker's TaskRequest, checked field by field. What Tasker's builder fills in when a
 * client leaves it out is filled in here too (namespace {@code default}, initiator {@code system}, source system
 * {@code tasker-core}, reason {@code Task requested}); a missing version means the newest registered one.
 */
final class TaskRequests {

    static final String DEFAULT_NAMESPACE = "default";
    static final String DEFAULT_INITIATOR = "system";
    static final String DEFAULT_SOURCE_SYSTEM = "tasker-core";
    static final String DEFAULT_REASON = "Task requested";

    private static final Set<String> FIELDS = Set.of("namespace", "name", "version", "context", "idempotency_key", "priority",
            "initiator", "source_system", "reason", "tags", "requested_at", "options", "correlation_id",
            "parent_correlation_id");

    private TaskRequests() {
    }

    static TaskRequest read(JsonNode body) {
        List<String> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        });
        String namespace = text(body, "namespace", false, problems);
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
        List<String> tags = tags(body.get("tags"), problems);
        JsonNode options = body.get("options");
        if (options != null && !options.isNull() && !options.isObject()) {
            problems.add("'options' must be a JSON object or null, not " + kind(options));
        }
        String requestedAt = text(body, "requested_at", false, problems);
        if (requestedAt != null && !isDateTime(requestedAt)) {
            problems.add("'requested_at' must be an ISO-8601 date-time (2026-01-31T12:00:00Z), not \"" + requestedAt + "\"");
        }
        UUID correlationId = uuid(body, "correlation_id", problems);
        UUID parentCorrelationId = uuid(body, "parent_correlation_id", problems);
        String idempotencyKey = text(body, "idempotency_key", false, problems);
        String initiator = text(body, "initiator", false, problems);
        String sourceSystem = text(body, "source_system", false, problems);
        String reason = text(body, "reason", false, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(io.helidon.http.Status.BAD_REQUEST_400, "invalid_request", String.join("; ", problems),
                    java.util.Map.of("problems", problems));
        }
        return new TaskRequest(orDefault(namespace, DEFAULT_NAMESPACE), name, version,
                context == null || context.isNull() ? null : context, idempotencyKey, priority,
                orDefault(initiator, DEFAULT_INITIATOR), orDefault(sourceSystem, DEFAULT_SOURCE_SYSTEM),
                orDefault(reason, DEFAULT_REASON), tags, correlationId, parentCorrelationId);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<String> tags(JsonNode t, List<String> problems) {
        List<String> tags = new ArrayList<>();
        if (t == null || t.isNull()) {
            return tags;
        }
        if (!t.isArray()) {
            problems.add("'tags' must be an array of strings, not " + kind(t));
            return tags;
        }
        t.forEach(tag -> {
            if (tag.isTextual()) {
                tags.add(tag.asText());
            } else {
                problems.add("'tags' must hold only strings, not " + kind(tag));
            }
        });
        return tags;
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static UUID uuid(JsonNode body, String field, List<String> problems) {
        String text = text(body, field, false, problems);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            problems.add("'" + field + "' must be a UUID, not \"" + text + "\"");
            return null;
        }
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
