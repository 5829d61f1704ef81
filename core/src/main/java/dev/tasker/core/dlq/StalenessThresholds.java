package dev.tasker.core.dlq;

/**
 * Minutes without progress after which an active task is stale, per state (Tasker's defaults: 60, 30, 30). A
 * template overrides them under {@code lifecycle:} ({@code max_waiting_for_dependencies_minutes},
 * {@code max_waiting_for_retry_minutes}, {@code max_steps_in_process_minutes}).
 */
public record StalenessThresholds(int waitingForDependencies, int waitingForRetry, int stepsInProcess) {

    public static final StalenessThresholds DEFAULT = new StalenessThresholds(60, 30, 30);

    public StalenessThresholds {
        if (waitingForDependencies < 1 || waitingForRetry < 1 || stepsInProcess < 1) {
            throw new IllegalArgumentException("staleness thresholds are minutes, at least 1: " + waitingForDependencies
                    + ", " + waitingForRetry + ", " + stepsInProcess);
        }
    }
}
