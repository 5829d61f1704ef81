package dev.tasker.core.api;

import java.time.Duration;

/** Fails this attempt; the step is retried, after {@code retryAfter} if given, else after its backoff. */
public class RetryableError extends RuntimeException {

    private final Duration retryAfter;

    public RetryableError(String message) {
        this(message, null);
    }

    public RetryableError(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
