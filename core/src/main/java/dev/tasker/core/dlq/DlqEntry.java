package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * One investigation of a task that needs a person (Tasker's DlqEntry): why it was entered, the task as it was then,
 * and how far the investigation got.
 *
 * @param dlqReason        Tasker's reason, e.g. {@code MaxRetriesExceeded}
 * @param resolutionStatus {@code Pending}, {@code ManuallyResolved}, {@code PermanentlyFailed} or {@code Cancelled}
 * Times are UTC without an offset, as Tasker's clients read them (chrono's NaiveDateTime).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DlqEntry(UUID dlqEntryUuid, UUID taskUuid, String originalState, String dlqReason, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant dlqTimestamp,
                       String resolutionStatus, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant resolutionTimestamp, String resolutionNotes, String resolvedBy,
                       JsonNode taskSnapshot, JsonNode metadata, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant createdAt, @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant updatedAt) {
}
