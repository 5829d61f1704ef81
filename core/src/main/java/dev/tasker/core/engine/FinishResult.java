package dev.tasker.core.engine;

import dev.tasker.core.state.TaskState;

/**
 * What finishing a step did.
 *
 * @param accepted      false when the step was no longer this worker's (cancelled, or its lease was taken)
 * @param releasedReady children that became ready
 * @param taskState     the task's state afterwards
 * @param claimedChildren ready children claimed for this worker in the same transaction (the local fast path)
 */
public record FinishResult(boolean accepted, int releasedReady, TaskState taskState, java.util.List<ClaimedStep> claimedChildren) {

    public static FinishResult rejected() {
        return new FinishResult(false, 0, null, java.util.List.of());
    }
}
