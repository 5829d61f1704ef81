package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** The entries of one reason, by resolution status (Tasker's DlqStats). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DlqStats(String dlqReason, long totalEntries, long pending, long manuallyResolved, long permanentFailures,
                       long cancelled, Instant oldestEntry, Instant newestEntry, Double avgResolutionTimeMinutes) {
}
