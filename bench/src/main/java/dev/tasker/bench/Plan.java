package dev.tasker.bench;

import java.time.Duration;

/**
 * How long each part runs: the full suite, or a quick pass that shows the same figures with less confidence.
 * {@code warmUp} is a load of every language before the measured parts, so that they measure a server that has run
 * for a while (its compilers done), as a user's long-running worker is; the figure "just after start" shows the rest.
 */
public record Plan(int scale, Duration warmUp, Duration throughputWarmUp, Duration throughputWindow, int creationCount,
                   int floorSeconds, int jmhWarmUpSeconds, int jmhMeasureSeconds, Duration soak) {

    public static final Plan FULL = new Plan(1, Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofSeconds(20), 500, 10, 4, 3,
            Duration.ofMinutes(60));
    public static final Plan QUICK = new Plan(4, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(8), 200, 4, 2, 2,
            Duration.ofMinutes(3));

    /** {@code count} of the full suite, divided down for a quick pass (at least 3). */
    public int times(int count) {
        return Math.max(3, count / scale);
    }
}
