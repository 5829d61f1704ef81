package dev.tasker.core.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.tasker.core.state.TaskState.*;

/**
 * The task transitions this engine makes. Creation enqueues the ready steps in the same transaction,
 * so a new task goes from pending straight to steps_in_process.
 */
public final class TaskTransitions {

    private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

    static {
        allow(PENDING, STEPS_IN_PROCESS, COMPLETE, CANCELLED, ERROR);
        allow(STEPS_IN_PROCESS, WAITING_FOR_RETRY, WAITING_FOR_DEPENDENCIES, BLOCKED_BY_FAILURES, COMPLETE, CANCELLED, ERROR);
        allow(WAITING_FOR_RETRY, STEPS_IN_PROCESS, WAITING_FOR_DEPENDENCIES, BLOCKED_BY_FAILURES, COMPLETE, CANCELLED, ERROR);
        allow(WAITING_FOR_DEPENDENCIES, STEPS_IN_PROCESS, WAITING_FOR_RETRY, BLOCKED_BY_FAILURES, COMPLETE, CANCELLED, ERROR);
        allow(BLOCKED_BY_FAILURES, STEPS_IN_PROCESS, WAITING_FOR_RETRY, COMPLETE, CANCELLED, RESOLVED_MANUALLY, ERROR);
        allow(INITIALIZING, ENQUEUING_STEPS, CANCELLED, ERROR);
        allow(ENQUEUING_STEPS, STEPS_IN_PROCESS, CANCELLED, ERROR);
        allow(EVALUATING_RESULTS, STEPS_IN_PROCESS, COMPLETE, BLOCKED_BY_FAILURES, WAITING_FOR_RETRY, CANCELLED, ERROR);
        for (TaskState terminal : TaskState.values()) {
            if (terminal.isTerminal()) {
                ALLOWED.put(terminal, EnumSet.noneOf(TaskState.class));
            }
        }
    }

    private TaskTransitions() {
    }

    private static void allow(TaskState from, TaskState... to) {
        ALLOWED.put(from, EnumSet.copyOf(Set.of(to)));
    }

    public static boolean isAllowed(TaskState from, TaskState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Fails loudly on a transition the table does not allow. */
    public static void check(TaskState from, TaskState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException("task", from, to);
        }
    }
}
