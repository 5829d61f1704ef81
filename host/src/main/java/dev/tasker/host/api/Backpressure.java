package dev.tasker.host.api;

import java.util.function.LongSupplier;

/**
 * Whether the engine is behind: more ready steps than a limit. The count is read at most once a second,
 * so a burst of task creations costs one query.
 */
final class Backpressure {

    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final long maxReadySteps;
    private final LongSupplier readySteps;
    private long readAt;
    private long lastCount;

    Backpressure(long maxReadySteps, LongSupplier readySteps) {
        this.maxReadySteps = maxReadySteps;
        this.readySteps = readySteps;
    }

    synchronized boolean overloaded() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > REFRESH_NANOS) {
            lastCount = readySteps.getAsLong();
            readAt = now;
        }
        return lastCount > maxReadySteps;
    }

    long maxReadySteps() {
        return maxReadySteps;
    }
}
