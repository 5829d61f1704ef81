package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** The entries of one reason, by resolution status (Tasker's DlqStats). * Times are UTC without an offset, as Tasker's clients read them (chrono's NaiveDateTime).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DlqStats(String dlqReason, long totalEntries, long pending, long manuallyResolved, long permanentFailures,
                       long cancelled, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant oldestEntry, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant newestEntry, Double avgResolutionTimeMinutes) {
}
