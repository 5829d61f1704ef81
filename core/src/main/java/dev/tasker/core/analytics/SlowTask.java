package dev.tasker.core.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A template's tasks created in a window (Tasker's SlowTaskInfo): durations of those that completed, errors of
 * those that failed (a percentage of all).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SlowTask(String namespaceName, String taskName, String version, double averageDurationSeconds,
                       double maxDurationSeconds, long executionCount, double averageStepCount, long errorCount,
                       double errorRate, Instant lastExecutedAt) {
}
