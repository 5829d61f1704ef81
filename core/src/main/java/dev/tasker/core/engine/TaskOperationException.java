package dev.tasker.core.engine;

/** A client asked for something the task's or step's state does not allow (e.g. cancelling a finished task). */
public class TaskOperationException extends RuntimeException {

    public TaskOperationException(String message) {
        super(message);
    }
}
