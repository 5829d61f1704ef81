package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

/**
 * A task's steps counted by state, and the task state and execution status they imply.
 */
public record StepCounts(int total, int done, int error, int running, int retrying, int ready, int pending, int cancelled) {

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

    /** Tasker's execution_status. */
    public String executionStatus() {
        if (total > 0 && done == total) {
            return "all_complete";
        }
        if (error > 0) {
            return "blocked_by_failures";
        }
        if (running > 0) {
            return "processing";
        }
        if (ready > 0) {
            return "has_ready_steps";
        }
        return "waiting_for_dependencies";
    }

    public double completionPercentage() {
        return total == 0 ? 0 : Math.round(1000.0 * done / total) / 10.0;
    }
}
