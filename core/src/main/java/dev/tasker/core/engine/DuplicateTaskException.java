package dev.tasker.core.engine;

import java.util.UUID;

/** A task with the same identity exists; nothing was created. */
public class DuplicateTaskException extends RuntimeException {

    private final UUID existingTaskUuid;

    public DuplicateTaskException(UUID existingTaskUuid) {
        super("a task with the same identity already exists: " + existingTaskUuid);
        this.existingTaskUuid = existingTaskUuid;
    }

    public UUID existingTaskUuid() {
        return existingTaskUuid;
    }
}
