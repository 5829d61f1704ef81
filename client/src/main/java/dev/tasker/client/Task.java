package dev.tasker.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A task as the API shows it; {@code steps} is empty in lists. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(UUID taskUuid, String namespace, String name, String version, String status, String executionStatus,
                   String recommendedAction, String healthStatus, double completionPercentage, int totalSteps,
                   int completedSteps, int failedSteps, int inProgressSteps, int readySteps, int pendingSteps, int priority,
                   JsonNode context, String initiator, String sourceSystem, String reason, List<String> tags,
                   UUID correlationId, String createdAt, String updatedAt, String completedAt, List<Step> steps) {

    public Task {
        steps = steps == null ? List.of() : List.copyOf(steps);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Complete, error, cancelled or resolved manually: nothing more will happen on its own. */
    public boolean isFinished() {
        return List.of("complete", "error", "cancelled", "resolved_manually").contains(status);
    }

    /** Finished, or stopped by a failed step until someone acts. */
    public boolean hasEnded() {
        return isFinished() || "blocked_by_failures".equals(status);
    }

    public Optional<Step> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }
}
