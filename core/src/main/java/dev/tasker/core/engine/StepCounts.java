package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

/**
 * A task's steps counted by state, and the task state and execution status they imply.
 */
public record StepCounts(int total, int done, int error, int running, int retrying, int ready, int pending, int cancelled) {

    /** Counts steps given as their state and how many parents each still waits for. */
    public static StepCounts of(java.util.List<dev.tasker.core.state.StepState> states, java.util.List<Integer> pendingParents) {
        int done = 0, error = 0, running = 0, retrying = 0, ready = 0, pending = 0, cancelled = 0;
        for (int i = 0; i < states.size(); i++) {
            switch (states.get(i)) {
                case COMPLETE, RESOLVED_MANUALLY -> done++;
                case ERROR -> error++;
                case IN_PROGRESS, ENQUEUED, ENQUEUED_FOR_ORCHESTRATION, ENQUEUED_AS_ERROR_FOR_ORCHESTRATION -> running++;
                case WAITING_FOR_RETRY -> retrying++;
                case PENDING -> {
                    if (pendingParents.get(i) == 0) {
                        ready++;
                    } else {
                        pending++;
                    }
                }
                case CANCELLED -> cancelled++;
            }
        }
        return new StepCounts(states.size(), done, error, running, retrying, ready, pending, cancelled);
    }

    /** The state a task in {@code current} moves to; errors block the task even while other branches run. */
    public TaskState rollUp(TaskState current) {
        if (current.isTerminal()) {
            return current;
        }
        if (total > 0 && done == total) {
            return TaskState.COMPLETE;
        }
        if (error > 0) {
            return TaskState.BLOCKED_BY_FAILURES;
        }
        if (running > 0 || ready > 0) {
            return TaskState.STEPS_IN_PROCESS;
        }
        if (retrying > 0) {
            return TaskState.WAITING_FOR_RETRY;
        }
        return pending > 0 ? TaskState.WAITING_FOR_DEPENDENCIES : TaskState.STEPS_IN_PROCESS;
    }

    /** Tasker's execution_status, in Tasker's order: failures, then ready steps, then running ones. */
    public String executionStatus() {
        if (error > 0) {
            return "blocked_by_failures";
        }
        if (ready > 0) {
            return "has_ready_steps";
        }
        if (running > 0) {
            return "processing";
        }
        if (total > 0 && done == total) {
            return "all_complete";
        }
        return "waiting_for_dependencies";
    }

    public double completionPercentage() {
        return total == 0 ? 0 : Math.round(1000.0 * done / total) / 10.0;
    }
}
