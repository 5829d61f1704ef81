package dev.tasker.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.api.StepContext;

import java.util.Map;
import java.util.UUID;

/** A first attempt of a step with the given task input, as the worker hands a handler. */
record BenchContext(UUID taskUuid, UUID stepUuid, JsonNode inputData) implements StepContext {

    BenchContext(JsonNode inputData) {
        this(UUID.randomUUID(), UUID.randomUUID(), inputData);
    }

    @Override
    public String stepName() {
        return "step";
    }

    @Override
    public String namespaceName() {
        return "bench";
    }

    @Override
    public JsonNode stepInputs() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public JsonNode stepConfig() {
        return JsonNodeFactory.instance.objectNode();
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
