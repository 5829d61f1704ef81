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
                          String reason, java.util.List<PlannedStep> createSteps) {

    public StepOutcome {
        createSteps = createSteps == null ? java.util.List.of() : java.util.List.copyOf(createSteps);
    }

    public StepOutcome(StepState nextState, JsonNode result, JsonNode metadata, JsonNode error, Instant retryAt, String reason) {
        this(nextState, result, metadata, error, retryAt, reason, java.util.List.of());
    }

    /** This outcome, creating {@code steps} (a decision's chosen branches) as the step completes. */
    public StepOutcome creating(java.util.List<PlannedStep> steps) {
        return new StepOutcome(nextState, result, metadata, error, retryAt, reason, steps);
    }

    public boolean succeeded() {
        return nextState == StepState.COMPLETE;
    }
}
