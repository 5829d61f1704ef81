package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.handler.StepContext;
import dev.tasker.core.json.Json;

import java.util.Map;
import java.util.UUID;

/** A step context without an engine, for calling handlers directly. */
record FakeContext(UUID taskUuid, UUID stepUuid, String stepName, String namespaceName, JsonNode inputData,
                   JsonNode stepInputs, JsonNode stepConfig, Map<String, JsonNode> dependencyResults, int retryCount,
                   int maxRetries, JsonNode checkpoint, int timeoutSeconds) implements StepContext {

    static FakeContext of(String inputJson) {
        return new FakeContext(UUID.randomUUID(), UUID.randomUUID(), "a_step", "tests", Json.read(inputJson),
                Json.read("{}"), Json.read("{}"), Map.of(), 0, 3, null, 5);
    }

    FakeContext withTimeout(int seconds) {
        return new FakeContext(taskUuid, stepUuid, stepName, namespaceName, inputData, stepInputs, stepConfig,
                dependencyResults, retryCount, maxRetries, checkpoint, seconds);
    }

    FakeContext with(String configJson, Map<String, JsonNode> deps, int retries) {
        return new FakeContext(taskUuid, stepUuid, stepName, namespaceName, inputData, Json.read("{\"cursor\": 5}"),
                Json.read(configJson), deps, retries, maxRetries, checkpoint, timeoutSeconds);
    }
}
