package dev.tasker.loader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.json.Json;

import java.util.Map;
import java.util.UUID;

/** A first attempt of a step with only task input, for calling a resolved handler directly. */
record InputOnlyContext(UUID taskUuid, UUID stepUuid, JsonNode inputData) implements StepContext {

    static InputOnlyContext of(String inputJson) {
        return new InputOnlyContext(UUID.randomUUID(), UUID.randomUUID(), Json.read(inputJson));
    }

    @Override
    public String stepName() {
        return "step";
    }

    @Override
    public String namespaceName() {
        return "tests";
    }

    @Override
    public JsonNode stepInputs() {
        return Json.read("{}");
    }

    @Override
    public JsonNode stepConfig() {
        return Json.read("{}");
    }

    @Override
    public Map<String, JsonNode> dependencyResults() {
        return Map.of();
    }

    @Override
    public int retryCount() {
        return 0;
    }

    @Override
    public int maxRetries() {
        return 3;
    }

    @Override
    public JsonNode checkpoint() {
        return null;
    }
}
