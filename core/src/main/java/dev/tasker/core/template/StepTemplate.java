package dev.tasker.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.retry.RetryPolicy;

import java.util.List;

/**
 * One step of a template.
 *
 * @param callable        what runs it ({@code handler.callable})
 * @param method          the handler method, default {@code call}
 * @param initialization  {@code handler.initialization}, seen by the handler as its config
 * @param dependencies    names of the steps it waits for
 */
public record StepTemplate(String name, String description, String callable, String method, JsonNode initialization,
                           StepType type, List<String> dependencies, RetryPolicy retry, int timeoutSeconds,
                           JsonNode publishesEvents, JsonNode batchConfig) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public StepTemplate {
        dependencies = List.copyOf(dependencies);
    }
}
