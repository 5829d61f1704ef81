package dev.tasker.core.engine;

import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;

import java.time.Duration;

/** What the engine did, for metrics; every method is called on the engine's own threads and must return at once. */
public interface EngineEvents {

    EngineEvents NONE = new EngineEvents() {
    };

    /**
     * An attempt ended and was recorded.
     *
     * @param language  ruby, python, javascript or java; "none" when no handler was found
     * @param nextState complete, waiting_for_retry or error
     * @param errorType the error's type when it did not complete, else null
     */
    record StepFinished(String namespace, String stepName, String language, Duration duration, StepState nextState,
                        String errorType) {
    }

    default void taskCreated(String namespace) {
    }

    default void stepFinished(StepFinished step) {
    }

    /** A task reached complete, or blocked_by_failures, with the step that was just recorded. */
    default void taskReached(String namespace, java.util.UUID taskUuid, TaskState state) {
    }
}
