package dev.tasker.core.engine;

import java.util.List;
import java.util.UUID;

/**
 * Who asked for a task and why, as Tasker's TaskRequest carries it.
 *
 * @param correlationId       the id that follows the task through logs and events (the request's, or a new one)
 * @param parentCorrelationId the correlation id of the workflow that started this one, or null
 */
public record TaskOrigin(String initiator, String sourceSystem, String reason, List<String> tags, UUID correlationId,
                         UUID parentCorrelationId) {

    public TaskOrigin {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
