package dev.tasker.bench;

import java.time.Duration;

/** How long each part runs: the full suite, or a quick pass that shows the same figures with less confidence. */
public record Plan(int scale, Duration throughputWarmUp, Duration throughputWindow, int creationCount, int floorSeconds,
                   int jmhWarmUpSeconds, int jmhMeasureSeconds) {

    public static final Plan FULL = new Plan(1, Duration.ofSeconds(5), Duration.ofSeconds(20), 500, 10, 4, 3);
    public static final Plan QUICK = new Plan(4, Duration.ofSeconds(3), Duration.ofSeconds(8), 200, 4, 2, 2);

    /** {@code count} of the full suite, divided down for a quick pass (at least 3). */
    public int times(int count) {
        return Math.max(3, count / scale);
    }
}
