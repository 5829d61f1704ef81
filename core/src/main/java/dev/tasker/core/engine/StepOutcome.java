package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.state.StepState;

import java.time.Instant;

/**
 * How an attempt ended, decided by the engine: the step's next state, and what is recorded.
 *
 * @param nextState complete, waiting_for_retry or error
 * @param retryAt   when waiting_for_retry: the earliest next attempt
 */
public record StepOutcome(StepState nextState, JsonNode result, JsonNode metadata, JsonNode error, Instant retryAt,
                          String reason) {

    public boolean succeeded() {
        return nextState == StepState.COMPLETE;
    }
}
