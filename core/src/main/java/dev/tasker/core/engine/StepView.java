package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.state.StepState;

import java.time.Instant;
import java.util.UUID;

/** A step as the API shows it. */
public record StepView(UUID stepUuid, UUID taskUuid, String name, StepState state, int attempts, int maxAttempts,
                       JsonNode result, JsonNode error, JsonNode inputs, Instant createdAt, Instant startedAt,
                       Instant completedAt) {
}
