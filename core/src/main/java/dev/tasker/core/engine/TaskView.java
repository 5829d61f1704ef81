package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.state.TaskState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A task as the API shows it, with its steps and their roll-up. */
public record TaskView(UUID taskUuid, String namespace, String name, String version, TaskState state, JsonNode context,
                       int priority, TaskOrigin origin, Instant createdAt, Instant updatedAt, Instant completedAt,
                       StepCounts counts, List<StepView> steps) {

    public Optional<StepView> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }
}
