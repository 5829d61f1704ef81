package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending entry in the investigation queue (Tasker's DlqInvestigationQueueEntry). Its priority is the reason's
 * weight plus a point per minute waiting, so old entries rise.
 * Times are UTC without an offset, as Tasker's clients read them (chrono's NaiveDateTime).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DlqInvestigationItem(UUID dlqEntryUuid, UUID taskUuid, String originalState, String dlqReason,
                                   @com.fasterxml.jackson.annotation.JsonFormat(pattern = NaiveUtc.PATTERN, timezone = "UTC") Instant dlqTimestamp, double minutesInDlq, double priorityScore, String namespaceName,
                                   String taskName, String currentState, Integer timeInStateMinutes) {
}
