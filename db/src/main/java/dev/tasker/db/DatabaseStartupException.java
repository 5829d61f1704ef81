package dev.tasker.db;

/** The database could not be opened; the message says what was tried and what to do. */
public class DatabaseStartupException extends RuntimeException {

    public DatabaseStartupException(String message) {
        super(message);
    }

    public DatabaseStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
