package dev.tasker.core.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A step's retry policy (DESIGN §5): whether it retries, how many attempts in all, and the backoff
 * between them, capped and jittered so that failing steps of many tasks do not retry in lock-step.
 * The first attempt always runs: {@code max_attempts: 0} (which Tasker's templates use) means no retry, as 1 does.
 */
public record RetryPolicy(boolean retryable, int maxAttempts, Backoff backoff, long baseMs, long maxBackoffMs) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(true, 3, Backoff.EXPONENTIAL, 1000, 30_000);

    public RetryPolicy {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("max_attempts must not be negative, not " + maxAttempts);
        }
        if (baseMs < 0 || maxBackoffMs < 0) {
            throw new IllegalArgumentException("backoff_base_ms and max_backoff_ms must not be negative");
        }
    }

    /** Whether another attempt may follow after {@code attemptsMade} attempts. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return retryable && attemptsMade < maxAttempts;
    }

    /** The wait before the next attempt: capped, with up to ±25 % jitter. */
    public Duration delayAfter(int attemptsMade) {
        long raw = Math.min(backoff.rawDelayMs(attemptsMade, baseMs), maxBackoffMs);
        if (raw <= 0) {
            return Duration.ZERO;
        }
        long jitter = raw / 4;
        long delay = raw - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
        return Duration.ofMillis(Math.min(delay, maxBackoffMs));
    }
}
