package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** What an operator does to a task or one of its steps; each throws {@link TaskOperationException} when the state does not allow it. */
public interface OperatorActions {

    /** Cancels a non-terminal task and its non-terminal steps; throws {@link TaskOperationException} otherwise. */
    void cancel(UUID taskUuid, String reason);

    void resetForRetry(UUID taskUuid, UUID stepUuid, String reason);

    void resolveManually(UUID taskUuid, UUID stepUuid, String reason);

    void completeManually(UUID taskUuid, UUID stepUuid, JsonNode result, String reason);
}
