package dev.tasker.core.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** A template step's finished attempts in a window (Tasker's SlowStepInfo); the error rate is a percentage. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SlowStep(String namespaceName, String taskName, String version, String stepName,
                       double averageDurationSeconds, double maxDurationSeconds, long executionCount, long errorCount,
                       double errorRate, Instant lastExecutedAt) {
}
