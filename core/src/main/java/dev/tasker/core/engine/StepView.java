package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.state.StepState;

import java.time.Instant;
import java.util.UUID;

/**
 * A step as the API shows it.
 *
 * @param parents        the names of the steps it depends on
 * @param pendingParents parents not yet complete or resolved
 * @param readyAt        the earliest time of its next attempt
 * @param lastFailureAt  when an attempt last failed, or null
 */
public record StepView(UUID stepUuid, UUID taskUuid, String name, StepState state, int attempts, int maxAttempts,
                       JsonNode result, JsonNode error, JsonNode inputs, Instant createdAt, Instant startedAt,
                       Instant completedAt, java.util.List<String> parents, int pendingParents, boolean retryable, Instant updatedAt,
                       Instant readyAt, Instant lastFailureAt) {

    public StepView {
        parents = parents == null ? java.util.List.of() : java.util.List.copyOf(parents);
    }

    public int totalParents() {
        return parents.size();
    }

    public boolean dependenciesSatisfied() {
        return pendingParents == 0;
    }

    /** It may run again: attempts are left and its failures are retryable, or it has not failed. */
    public boolean retryEligible() {
        return attempts < maxAttempts && (retryable || lastFailureAt == null);
    }

    /** Waiting only for a worker: pending or due for a retry, with every parent done. */
    public boolean readyForExecution(Instant now) {
        return (state == StepState.PENDING || state == StepState.WAITING_FOR_RETRY) && dependenciesSatisfied()
                && (readyAt == null || !readyAt.isAfter(now));
    }
}
