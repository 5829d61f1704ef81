package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.handler.StepContext;

import java.util.Map;
import java.util.UUID;

/** The context API over a claimed step. */
record HandlerContext(ClaimedStep step, JsonNode config, java.util.function.Predicate<JsonNode> checkpoints) implements StepContext {

    @Override
    public void saveCheckpoint(JsonNode checkpoint) {
        if (!checkpoints.test(checkpoint)) {
            throw new IllegalStateException("step " + step.name() + " is no longer this worker's (cancelled, or its lease "
                    + "expired); its checkpoint was not saved");
        }
    }

    @Override
    public UUID taskUuid() {
        return step.taskUuid();
    }

    @Override
    public UUID stepUuid() {
        return step.stepUuid();
    }

    @Override
    public String stepName() {
        return step.name();
    }

    @Override
    public String namespaceName() {
        return step.namespace();
    }

    @Override
    public JsonNode inputData() {
        return step.taskContext();
    }

    @Override
    public JsonNode stepInputs() {
        return step.inputs();
    }

    @Override
    public JsonNode stepConfig() {
        return config == null ? JsonNodeFactory.instance.objectNode() : config;
    }

    @Override
    public Map<String, JsonNode> dependencyResults() {
        return step.dependencyResults();
    }

    @Override
    public int retryCount() {
        return step.attempt() - 1;
    }

    @Override
    public int maxRetries() {
        return step.retry().maxAttempts();
    }

    @Override
    public int timeoutSeconds() {
        return step.timeoutSeconds();
    }

    @Override
    public JsonNode checkpoint() {
        return step.checkpoint();
    }
}
