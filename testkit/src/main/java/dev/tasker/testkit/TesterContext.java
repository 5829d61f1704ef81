package dev.tasker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepContext;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** A step's context as {@link StepCall} built it; checkpoints go to {@code saved}. */
record TesterContext(UUID taskUuid, UUID stepUuid, String stepName, String namespaceName, JsonNode inputData,
                     JsonNode stepInputs, JsonNode stepConfig, Map<String, JsonNode> dependencyResults, int retryCount,
                     int maxRetries, JsonNode checkpoint, int timeoutSeconds, Consumer<JsonNode> saved)
        implements StepContext {

    @Override
    public void saveCheckpoint(JsonNode progress) {
        saved.accept(progress);
    }
}
