package dev.tasker.core.engine;

import java.util.List;

/** A task as it was created, and the first steps the creating worker claimed with it (see {@link RootClaim}). */
public record CreatedTask(TaskView task, List<ClaimedStep> claimed) {

    public CreatedTask {
        claimed = List.copyOf(claimed);
    }
}
