package dev.tasker.core.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/** What a handler sees of its task and step (Tasker's context API). */
public interface StepContext {

    UUID taskUuid();

    UUID stepUuid();

    String stepName();

    String namespaceName();

    /** The name of the task's template (null when unknown). */
    default String taskName() {
        return null;
    }

    /** The version of the task's template (null when unknown). */
    default String taskVersion() {
        return null;
    }

    /**
     * The step as its template defines it, in Tasker's {@code step_definition} shape: {@code name}, {@code description},
     * {@code handler} ({@code callable}, {@code initialization}, {@code method}), {@code dependencies}, {@code retry},
     * {@code timeout_seconds}, {@code publishes_events}.
     */
    default JsonNode stepDefinition() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** The handler method the template names ({@code handler.method}); {@code call} by default. */
    default String handlerMethod() {
        return "call";
    }

    /** The task's context, as submitted. */
    JsonNode inputData();

    /** This step's own inputs (e.g. a batch worker's cursor). */
    JsonNode stepInputs();

    /** The step's {@code handler.initialization}. */
    JsonNode stepConfig();

    /** The results of the steps this one depends on, directly or through others, by step name. */
    Map<String, JsonNode> dependencyResults();

    /** Earlier attempts of this step (0 on the first run). */
    int retryCount();

    int maxRetries();

    /** What an earlier attempt saved with a checkpoint, or null. */
    JsonNode checkpoint();

    /**
     * Saves progress at once, durably: a retry of this step sees it as {@link #checkpoint()}. Throws if the
     * step is no longer this worker's.
     */
    default void saveCheckpoint(JsonNode checkpoint) {
        throw new UnsupportedOperationException("this context cannot save checkpoints");
    }

    /** A convergence step's view of a batch: the results of {@code {workerTemplate}_001}, {@code _002}, … in order. */
    default java.util.List<JsonNode> batchResults(String workerTemplate) {
        java.util.regex.Pattern worker = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(workerTemplate) + "_\\d{3,}");
        return dependencyResults().entrySet().stream().filter(e -> worker.matcher(e.getKey()).matches())
                .sorted(java.util.Map.Entry.comparingByKey()).map(java.util.Map.Entry::getValue).toList();
    }

    /** Tasker's checkpoint: where a batch worker is, how many items it has done, and what it has gathered. */
    default void checkpointYield(JsonNode cursor, long itemsProcessed, JsonNode accumulatedResults) {
        var checkpoint = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        checkpoint.set("cursor", cursor);
        checkpoint.put("items_processed", itemsProcessed);
        checkpoint.set("accumulated_results", accumulatedResults);
        saveCheckpoint(checkpoint);
    }

    /** How long this attempt may run before it is interrupted. */
    default int timeoutSeconds() {
        return 30;
    }

    /**
     * Called by a handler that first waits for its runner (a guest language's context, see
     * {@link StepHandler#waitsForARunner}) once it has one: the attempt's timeout counts from here.
     */
    default void runnerAcquired() {
    }

    default JsonNode getInput(String key) {
        JsonNode value = inputData() == null ? null : inputData().get(key);
        return value == null || value.isNull() ? null : value;
    }

    default JsonNode getConfig(String key) {
        JsonNode value = stepConfig() == null ? null : stepConfig().get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** Exactly what that step's handler returned as its result; null if it returned none or has not run. */
    default JsonNode getDependencyResult(String stepName) {
        JsonNode value = dependencyResults().get(stepName);
        return value == null || value.isNull() ? null : value;
    }

    default boolean isRetry() {
        return retryCount() > 0;
    }

    default boolean isLastRetry() {
        return retryCount() >= maxRetries() - 1;
    }
}
