package dev.tasker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.HandlerError;
import dev.tasker.core.api.RetryableError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a handler call came to: a success with its result, or a failure (returned or raised) with the error's class,
 * message and whether the engine would retry it; and the checkpoints it saved on the way.
 */
public record HandlerOutcome(boolean isSuccess, JsonNode result, JsonNode metadata, Failure failure, List<JsonNode> checkpoints) {

    /**
     * @param errorType  the error's class ({@code PermanentError}, {@code RetryableError}, {@code ZeroDivisionError}, …)
     *                   or the {@code error_type} a returned failure named
     * @param retryAfter the wait a {@code RetryableError} asked for, or null
     * @param backtrace  file:line frames of the handler file (raised errors only)
     */
    public record Failure(String errorType, String message, boolean retryable, Duration retryAfter, String errorCode,
                          String language, List<String> backtrace) {

        static Failure described(HandlerError e) {
            JsonNode error = e.error();
            List<String> frames = new ArrayList<>();
            error.path("backtrace").forEach(f -> frames.add(f.asText()));
            return new Failure(error.path("error_type").asText(), error.path("message").asText(), e.retryable(),
                    e.retryAfter(), error.path("error_code").isNull() || error.path("error_code").isMissingNode() ? null
                    : error.path("error_code").asText(), error.path("language").asText("java"), List.copyOf(frames));
        }

        static Failure of(Exception e, boolean retryable) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : e.getStackTrace()) {
                frames.add(frame.toString());
            }
            return new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), retryable,
                    e instanceof RetryableError r ? r.retryAfter() : null, null, "java", List.copyOf(frames));
        }
    }

    static HandlerOutcome success(JsonNode result, JsonNode metadata, List<JsonNode> checkpoints) {
        return new HandlerOutcome(true, result, metadata, null, List.copyOf(checkpoints));
    }

    static HandlerOutcome failed(Failure failure, List<JsonNode> checkpoints) {
        return new HandlerOutcome(false, null, null, failure, List.copyOf(checkpoints));
    }

    /** The handler's result; an {@link AssertionError} naming the failure if it failed. */
    @Override
    public JsonNode result() {
        if (!isSuccess) {
            throw new AssertionError("the handler failed instead of succeeding: " + failure.errorType() + ": " + failure.message());
        }
        return result;
    }

    /** The failure; an {@link AssertionError} showing the result if it succeeded. */
    @Override
    public Failure failure() {
        if (isSuccess) {
            throw new AssertionError("the handler succeeded instead of failing, with result " + result);
        }
        return failure;
    }
}
