package dev.tasker.core.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * Tasks created and step attempts finished in a window (Tasker's PerformanceMetrics). Rates are percentages; the
 * health score is the share of finished tasks that completed (1.0 when none finished).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerformanceMetrics(long totalTasks, long activeTasks, long completedTasks, long failedTasks,
                                 double completionRate, double errorRate, double averageTaskDurationSeconds,
                                 double averageStepDurationSeconds, long tasksPerHour, long stepsPerHour,
                                 double systemHealthScore, Instant analysisPeriodStart, Instant calculatedAt) {
}
