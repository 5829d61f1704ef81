package dev.tasker.core.api;

/** Fails the step at once, without retries. */
public class PermanentError extends RuntimeException {

    private final String errorCode;

    public PermanentError(String message) {
        this(message, null);
    }

    public PermanentError(String message, String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
