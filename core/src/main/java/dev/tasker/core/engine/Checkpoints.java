package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A step's checkpoint as Tasker stores it: {@code cursor}, {@code items_processed}, {@code accumulated_results}, when it
 * was taken and the history of earlier cursors.
 */
final class Checkpoints {

    private static final int HISTORY = 100;

    private Checkpoints() {
    }

    /** The checkpoint to save when a handler reports {@code progress} on top of {@code previous} (or null). */
    static ObjectNode next(JsonNode previous, JsonNode progress) {
        String now = Instant.now().toString();
        ObjectNode saved = JsonNodeFactory.instance.objectNode();
        saved.set("cursor", progress.path("cursor").isMissingNode() ? null : progress.get("cursor"));
        saved.put("items_processed", progress.path("items_processed").asLong(0));
        saved.put("timestamp", now);
        saved.set("accumulated_results", progress.hasNonNull("accumulated_results") ? progress.get("accumulated_results") : null);
        ArrayNode history = saved.putArray("history");
        if (previous != null && previous.path("history").isArray()) {
            previous.get("history").forEach(history::add);
        }
        history.addObject().put("timestamp", now).set("cursor", saved.get("cursor"));
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        return saved;
    }

    /** Whether a yield moved on from the checkpoint it started from (a yield that does not would run forever). */
    static boolean progressed(JsonNode previous, JsonNode next) {
        if (previous == null || previous.isNull()) {
            return true;
        }
        return !previous.path("cursor").equals(next.path("cursor"))
                || previous.path("items_processed").asLong(0) != next.path("items_processed").asLong(0);
    }
}
