package dev.tasker.core.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * A failure a language bridge has already described: error type, message, language, backtrace.
 * Thrown by guest handlers' {@link StepHandler} adapters.
 */
public class HandlerError extends RuntimeException {

    private final transient JsonNode error;
    private final boolean retryable;
    private final Duration retryAfter;

    public HandlerError(JsonNode error, boolean retryable, Duration retryAfter) {
        super(error.path("error_type").asText() + ": " + error.path("message").asText());
        this.error = error;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public JsonNode error() {
        return error;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
