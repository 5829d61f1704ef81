package dev.tasker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.HandlerError;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.json.Json;
import dev.tasker.core.spi.TimedCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One call of a handler, built up like a step of a task: its task's input, its {@code handler.initialization},
 * the results of the steps it depends on, how many attempts came before. Values are anything Jackson turns into
 * JSON (maps, lists, numbers, strings, records) or a {@link JsonNode}.
 */
public final class StepCall {

    private static final int MAX_YIELDS = 10_000;

    private final String callable;
    private final StepHandler handler;
    private final ObjectNode input = JsonNodeFactory.instance.objectNode();
    private final ObjectNode config = JsonNodeFactory.instance.objectNode();
    private final ObjectNode stepInputs = JsonNodeFactory.instance.objectNode();
    private final Map<String, JsonNode> dependencies = new LinkedHashMap<>();
    private String stepName = "step";
    private String namespace = "tests";
    private int retryCount;
    private int maxRetries = 3;
    private JsonNode checkpoint;
    private int timeoutSeconds = 30;

    StepCall(String callable, StepHandler handler) {
        this.callable = callable;
        this.handler = handler;
    }

    /** The whole task context (merged over what was set before). */
    public StepCall input(Object context) {
        input.setAll(object(context, "input"));
        return this;
    }

    public StepCall input(String key, Object value) {
        input.set(key, Json.toTree(value));
        return this;
    }

    /** The step's {@code handler.initialization} (merged over what was set before). */
    public StepCall config(Object initialization) {
        config.setAll(object(initialization, "config"));
        return this;
    }

    public StepCall config(String key, Object value) {
        config.set(key, Json.toTree(value));
        return this;
    }

    /** What {@code get_dependency_result(stepName)} returns. */
    public StepCall dependency(String dependencyStep, Object result) {
        dependencies.put(dependencyStep, Json.toTree(result));
        return this;
    }

    /** This step's own inputs, e.g. a batch worker's cursor. */
    public StepCall stepInputs(Object inputs) {
        stepInputs.setAll(object(inputs, "stepInputs"));
        return this;
    }

    public StepCall stepName(String name) {
        this.stepName = name;
        return this;
    }

    public StepCall namespace(String name) {
        this.namespace = name;
        return this;
    }

    /** Earlier attempts: 0 is a first run, 1 the first retry. */
    public StepCall retryCount(int earlierAttempts) {
        this.retryCount = earlierAttempts;
        return this;
    }

    public StepCall maxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    /** How long the handler may run before it is stopped and the call ends in a {@code Timeout} (default 30 s). */
    public StepCall timeoutSeconds(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** What an earlier attempt saved with {@code checkpoint_yield}. */
    public StepCall checkpoint(Object saved) {
        this.checkpoint = Json.toTree(saved);
        return this;
    }

    /**
     * Runs the handler; a raised error or a returned failure is an outcome, not an exception. A checkpoint yield runs it
     * again from the checkpoint, as the engine does, and the checkpoint is among the outcome's checkpoints.
     */
    public HandlerOutcome call() {
        List<JsonNode> checkpoints = new ArrayList<>();
        JsonNode current = checkpoint;
        try {
            for (int run = 0; run < MAX_YIELDS; run++) {
                TesterContext context = new TesterContext(UUID.randomUUID(), UUID.randomUUID(), stepName, namespace,
                        input.deepCopy(), stepInputs.deepCopy(), config.deepCopy(), Map.copyOf(dependencies), retryCount,
                        maxRetries, current, timeoutSeconds, checkpoints::add);
                switch (TimedCall.call(handler, context)) {
                    case StepResult.Success s -> {
                        return HandlerOutcome.success(s.result(), s.metadata(), checkpoints);
                    }
                    case StepResult.Failure f -> {
                        return HandlerOutcome.failed(new HandlerOutcome.Failure(f.errorType(), f.message(), f.retryable(),
                                f.retryAfter(), f.errorCode(), handler.language(), List.of()), checkpoints);
                    }
                    case StepResult.Yield y -> {
                        checkpoints.add(y.checkpoint());
                        current = y.checkpoint();
                    }
                    case null -> {
                        return HandlerOutcome.success(JsonNodeFactory.instance.nullNode(), null, checkpoints);
                    }
                }
            }
        } catch (HandlerError e) {
            return HandlerOutcome.failed(HandlerOutcome.Failure.described(e), checkpoints);
        } catch (PermanentError | RetryableError e) {
            return HandlerOutcome.failed(HandlerOutcome.Failure.of(e, e instanceof RetryableError), checkpoints);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + callable, e);
        } catch (Exception e) {
            return HandlerOutcome.failed(HandlerOutcome.Failure.of(e, true), checkpoints);
        }
        throw new IllegalStateException(callable + " yielded a checkpoint " + MAX_YIELDS + " times without finishing");
    }

    private static ObjectNode object(Object value, String what) {
        JsonNode node = value instanceof CharSequence text ? Json.read(text.toString()) : Json.toTree(value);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(what + " must be a JSON object (a map), not " + node);
        }
        return object;
    }
}
