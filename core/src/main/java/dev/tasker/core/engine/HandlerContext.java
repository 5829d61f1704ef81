package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.template.StepTemplate;
import dev.tasker.core.template.TemplateDag;

import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The context API over a claimed step, with its template's definition of it. */
final class HandlerContext implements StepContext {

    private final ClaimedStep step;
    private final TemplateDag dag;
    private final Predicate<JsonNode> checkpoints;
    private volatile JsonNode checkpoint;

    /** @param dag the step's template, or null when it is no longer known */
    private final Runnable runnerAcquired;

    HandlerContext(ClaimedStep step, TemplateDag dag, Predicate<JsonNode> checkpoints, Runnable runnerAcquired) {
        this.step = step;
        this.dag = dag;
        this.checkpoints = checkpoints;
        this.runnerAcquired = runnerAcquired;
        this.checkpoint = step.checkpoint();
    }

    @Override
    public void runnerAcquired() {
        runnerAcquired.run();
    }

    @Override
    public void saveCheckpoint(JsonNode progress) {
        dev.tasker.core.json.Unstorable.nulAt(progress, "checkpoint").ifPresent(path -> {
            throw new IllegalArgumentException(dev.tasker.core.json.Unstorable.describe(path));
        });
        JsonNode saved = Checkpoints.next(checkpoint, progress);
        if (!checkpoints.test(saved)) {
            throw new IllegalStateException("step " + step.name() + " is no longer this worker's (cancelled, or its lease "
                    + "expired); its checkpoint was not saved");
        }
        checkpoint = saved;
    }

    private StepTemplate definition() {
        return dag == null ? null : dag.step(step.templateStep());
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
    public String taskName() {
        return dag == null ? null : dag.template().name();
    }

    @Override
    public String taskVersion() {
        return dag == null ? null : dag.template().version();
    }

    @Override
    public JsonNode stepDefinition() {
        return dag == null ? JsonNodeFactory.instance.objectNode() : dag.definitionJson(step.templateStep());
    }

    @Override
    public String handlerMethod() {
        StepTemplate definition = definition();
        return definition == null || definition.method() == null ? "call" : definition.method();
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
        StepTemplate definition = definition();
        return definition == null || definition.initialization() == null ? JsonNodeFactory.instance.objectNode()
                : definition.initialization();
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
        return checkpoint;
    }
}
