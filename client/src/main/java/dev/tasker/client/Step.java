package dev.tasker.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** A workflow step as the API shows it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Step(UUID stepUuid, UUID taskUuid, String name, String currentState, int attempts, int maxAttempts,
                   boolean dependenciesSatisfied, boolean retryEligible, boolean readyForExecution, int totalParents,
                   int completedParents, java.util.List<String> parents, JsonNode inputs, JsonNode result, JsonNode error, String createdAt, String updatedAt,
                   String startedAt, String completedAt, String nextRetryAt) {
}
