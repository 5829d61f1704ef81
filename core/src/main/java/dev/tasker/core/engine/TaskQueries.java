package dev.tasker.core.engine;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading tasks and steps (the API's read side). */
public interface TaskQueries {

    Optional<TaskView> task(UUID taskUuid);

    /** Steps ready to run and not yet claimed, across all namespaces: the ready-queue depth. */
    long readySteps();

    /** A page of tasks without their steps (their counts included), newest first. */
    TaskPage tasks(TaskFilter filter);

    List<Transition> stepTransitions(UUID stepUuid);

    List<Transition> taskTransitions(UUID taskUuid);

    /** The step's transitions, oldest first, each with the attempt result it recorded. */
    List<StepAuditEntry> stepAudit(UUID stepUuid);
}
