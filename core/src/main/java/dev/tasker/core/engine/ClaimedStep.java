package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.retry.RetryPolicy;

import java.util.Map;
import java.util.UUID;

/**
 * A step this worker holds the lease of, with everything its handler sees.
 *
 * @param templateStep the template step it is made from: its own name, except for batch workers ({@code x_001} is made from {@code x})
 * @param attempt the number of this attempt, 1 on the first run
 */
public record ClaimedStep(UUID taskUuid, UUID templateUuid, UUID stepUuid, String name, String templateStep, String namespace,
                          String callable, int attempt, RetryPolicy retry, int timeoutSeconds, JsonNode taskContext,
                          JsonNode inputs, JsonNode checkpoint, Map<String, JsonNode> dependencyResults) {

    public ClaimedStep withCheckpoint(JsonNode saved) {
        return new ClaimedStep(taskUuid, templateUuid, stepUuid, name, templateStep, namespace, callable, attempt, retry,
                timeoutSeconds, taskContext, inputs, saved, dependencyResults);
    }

    public ClaimedStep withDependencyResults(Map<String, JsonNode> results) {
        return new ClaimedStep(taskUuid, templateUuid, stepUuid, name, templateStep, namespace, callable, attempt, retry,
                timeoutSeconds, taskContext, inputs, checkpoint, Map.copyOf(results));
    }
}
