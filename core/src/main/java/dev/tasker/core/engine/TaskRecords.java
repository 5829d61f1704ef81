package dev.tasker.core.engine;


import java.util.UUID;

/** Tasks as a whole: written with their steps, and a sub-workflow's end carried to its parent. */
public interface TaskRecords {

    /**
     * Writes task, steps, edges and first transitions in one transaction, the first ready steps claimed as
     * {@code claim} says, and answers the task as created with the steps claimed; throws {@link DuplicateTaskException}.
     */
    CreatedTask createTask(NewTask task, RootClaim claim);

    /**
     * If the task is a sub-workflow that has ended (complete, blocked or cancelled), completes or fails the
     * step that waits for it and moves the parent task on.
     */
    void settleParent(UUID childTaskUuid);

    /** Settles the parents of sub-workflows that ended without doing so (a JVM died in between); answers how many. */
    int settleOrphans(int limit);

}
