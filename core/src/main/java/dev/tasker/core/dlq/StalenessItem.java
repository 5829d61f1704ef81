package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/**
 * An active task and how long it has gone without progress against its state's threshold (Tasker's
 * StalenessMonitoring): {@code healthy} below 80 %, {@code warning} from 80 %, {@code stale} from 100 %.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StalenessItem(UUID taskUuid, String namespaceName, String taskName, String currentState,
                            int timeInStateMinutes, int taskAgeMinutes, int stalenessThresholdMinutes, String healthStatus,
                            int priority) {
}
