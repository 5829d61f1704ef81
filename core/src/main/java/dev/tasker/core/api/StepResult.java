package dev.tasker.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;

import java.time.Duration;

/** What a handler answers: a success with its result, or a failure that says whether to retry. */
public sealed interface StepResult {

    static Success success(Object result) {
        return new Success(Json.toTree(result), null);
    }

    static Failure failure(String message, String errorType, boolean retryable) {
        return new Failure(message, errorType, retryable, null, null, null);
    }

    /**
     * @param result   exactly what dependents get from {@code get_dependency_result}
     * @param metadata anything the handler wants recorded beside it
     */
    record Success(JsonNode result, JsonNode metadata) implements StepResult {
    }

    /**
     * Tasker's checkpoint yield: the handler saved its progress and asks to be run again from it at once, in the
     * same attempt ({@code checkpoint}: {@code cursor}, {@code items_processed}, {@code accumulated_results}).
     */
    record Yield(JsonNode checkpoint) implements StepResult {
    }

    /**
     * @param retryAfter a wait that overrides the step's backoff, or null
     */
    record Failure(String message, String errorType, boolean retryable, Duration retryAfter, String errorCode,
                   JsonNode metadata) implements StepResult {
    }
}
