package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.HandlerError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.json.Json;

import java.time.Duration;

/** A prelude's answer ({"success": …}) as the engine's result, or a described failure. */
final class GuestAnswer {

    private GuestAnswer() {
    }

    static StepResult toResult(String answerJson, String language, String handlerName) {
        JsonNode answer = Json.read(answerJson);
        if (answer.hasNonNull("checkpoint_yield")) {
            return new StepResult.Yield(answer.get("checkpoint_yield"));
        }
        if (answer.path("success").asBoolean(false)) {
            return new StepResult.Success(answer.get("result"), nullIfNull(answer.get("metadata")));
        }
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("error_type", answer.path("error_type").asText("Error"));
        error.put("message", answer.path("message").asText(""));
        error.put("language", language);
        error.put("handler", handlerName);
        if (answer.hasNonNull("error_code")) {
            error.put("error_code", answer.get("error_code").asText());
        }
        if (answer.hasNonNull("metadata")) {
            error.set("metadata", answer.get("metadata"));
        }
        error.set("backtrace", answer.has("backtrace") ? answer.get("backtrace") : Json.MAPPER.createArrayNode());
        Duration retryAfter = answer.hasNonNull("retry_after_seconds")
                ? Duration.ofMillis(Math.round(answer.get("retry_after_seconds").asDouble() * 1000)) : null;
        throw new HandlerError(error, answer.path("retryable").asBoolean(true), retryAfter);
    }

    /** The call was stopped by its caller (its timeout, or its task cancelled). */
    static HandlerError stopped(String language, String handlerName) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("error_type", "Timeout");
        error.put("message", language + " handler '" + handlerName + "' was stopped; its context was cancelled and replaced");
        error.put("language", language);
        error.put("handler", handlerName);
        return new HandlerError(error, true, null);
    }

    private static JsonNode nullIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
