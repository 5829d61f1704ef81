package dev.tasker.core.engine;

import dev.tasker.core.events.DomainEvent;
import dev.tasker.core.events.EventBus;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What follows a step's outcome once it is recorded: its fast domain events, the engine events (step finished,
 * task ended), and the parent of a sub-workflow that ended. None of it may undo the outcome, so failures are logged.
 */
final class RecordedOutcomes {

    private static final Logger LOG = Logger.getLogger(RecordedOutcomes.class.getName());

    private final TaskRecords store;
    private final EngineEvents events;
    private final EventBus bus;

    RecordedOutcomes(TaskRecords store, EngineEvents events, EventBus bus) {
        this.store = store;
        this.events = events;
        this.bus = bus;
    }

    void recorded(ClaimedStep step, String language, Duration took, StepOutcome outcome, FinishResult result) {
        bus.publish(outcome.events().stream().filter(DomainEvent::fast).toList());
        try {
            events.stepFinished(new EngineEvents.StepFinished(step.namespace(), step.name(), language, took,
                    outcome.nextState(),
                    outcome.succeeded() || outcome.error() == null ? null : outcome.error().path("error_type").asText(null)));
            if (result.taskState() == TaskState.COMPLETE
                    || (result.taskState() == TaskState.BLOCKED_BY_FAILURES && outcome.nextState() == StepState.ERROR)) {
                events.taskReached(step.namespace(), step.taskUuid(), result.taskState());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An engine event listener failed", e);
        }
        if (result.taskState() == TaskState.COMPLETE || result.taskState() == TaskState.BLOCKED_BY_FAILURES) {
            try {
                store.settleParent(step.taskUuid());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Settling the parent of task " + step.taskUuid() + " failed; the reaper retries", e);
            }
        }
    }
}
