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
                          String reason, java.util.List<PlannedStep> createSteps, OnError onError, ChildTask child,
                          java.util.List<dev.tasker.core.events.DomainEvent> events) {

    /** A sub-workflow the step starts; the step waits (enqueued_for_orchestration) until it ends. */
    public record ChildTask(TemplateRecord template, TaskRequest request) {
    }

    /** What a step in error does to the rest of its task (a batch worker's failure_strategy). */
    public enum OnError {
        /** its dependents wait: the task is blocked until someone acts */
        BLOCK,
        /** continue_on_failure: its dependents stop waiting for it (a convergence runs on what succeeded) */
        RELEASE_DEPENDENTS,
        /** fail_fast: the unfinished workers made from the same template are cancelled */
        CANCEL_SIBLINGS
    }

    public StepOutcome {
        error = dev.tasker.core.json.Unstorable.spelledOut(error);
        reason = reason == null ? null : reason.replace("\0", "\\u0000");
        createSteps = createSteps == null ? java.util.List.of() : java.util.List.copyOf(createSteps);
        onError = onError == null ? OnError.BLOCK : onError;
        events = events == null ? java.util.List.of() : java.util.List.copyOf(events);
    }

    public StepOutcome(StepState nextState, JsonNode result, JsonNode metadata, JsonNode error, Instant retryAt, String reason) {
        this(nextState, result, metadata, error, retryAt, reason, java.util.List.of(), OnError.BLOCK, null, java.util.List.of());
    }

    /** This outcome, creating {@code steps} (a decision's chosen branches) as the step completes. */
    public StepOutcome creating(java.util.List<PlannedStep> steps) {
        return new StepOutcome(nextState, result, metadata, error, retryAt, reason, steps, onError, child, events);
    }

    public StepOutcome onError(OnError policy) {
        return new StepOutcome(nextState, result, metadata, error, retryAt, reason, createSteps, policy, child, events);
    }

    /** The events this outcome fires; durable ones are written with it. */
    public StepOutcome withEvents(java.util.List<dev.tasker.core.events.DomainEvent> fired) {
        return new StepOutcome(nextState, result, metadata, error, retryAt, reason, createSteps, onError, child, fired);
    }

    public StepOutcome withResult(JsonNode newResult) {
        return new StepOutcome(nextState, newResult, metadata, error, retryAt, reason, createSteps, onError, child, events);
    }

    /** The step does not complete yet: it waits for the sub-workflow {@code task} to end. */
    public StepOutcome waitingFor(ChildTask task) {
        return new StepOutcome(StepState.ENQUEUED_FOR_ORCHESTRATION, result, metadata, error, retryAt,
                "started sub-workflow " + task.template().template().key(), createSteps, onError, task, events);
    }

    public boolean succeeded() {
        return nextState == StepState.COMPLETE;
    }
}
