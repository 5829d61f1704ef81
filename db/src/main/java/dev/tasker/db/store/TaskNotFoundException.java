package dev.tasker.db.store;

import java.util.UUID;

/** No such task or step. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(UUID taskUuid) {
        super("no task " + taskUuid);
    }

    public TaskNotFoundException(String message) {
        super(message);
    }
}
