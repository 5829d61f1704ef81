package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.json.Json;

import java.util.Map;
import java.util.UUID;

/** A step context without an engine, for calling handlers directly. */
record FakeContext(UUID taskUuid, UUID stepUuid, String stepName, String namespaceName, JsonNode inputData,
                   JsonNode stepInputs, JsonNode stepConfig, Map<String, JsonNode> dependencyResults, int retryCount,
                   int maxRetries, JsonNode checkpoint, int timeoutSeconds) implements StepContext {

    /** A JSON object with a value of every kind: text, integers up to 2^70, floats (one whole), boolean, null, nesting. */
    static final String EVERY_JSON_KIND = "{\"text\": \"h\u00e9llo \u2603\", \"int\": 42, \"long\": 9007199254740993, "
            + "\"big\": 1180591620717411303424, \"float\": 2.5, \"whole_float\": 2.0, \"yes\": true, \"none\": null, "
            + "\"list\": [1, \"two\", [3], {\"four\": 4}], \"empty_map\": {}, \"empty_list\": []}";

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
