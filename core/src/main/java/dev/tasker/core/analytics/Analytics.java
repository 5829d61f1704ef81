package dev.tasker.core.analytics;

/** Performance and bottlenecks from the database, over a window of hours ending now. */
public interface Analytics {

    PerformanceMetrics performance(int hours);

    /**
     * @param limit         the most slow steps and slow templates each
     * @param minExecutions steps and templates with fewer runs in the window are left out
     */
    Bottlenecks bottlenecks(int hours, int limit, int minExecutions);
}
