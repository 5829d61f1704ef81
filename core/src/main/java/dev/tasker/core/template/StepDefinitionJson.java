package dev.tasker.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A template step in Tasker's {@code step_definition} shape, as handlers read it from their context. */
final class StepDefinitionJson {

    private StepDefinitionJson() {
    }

    static JsonNode of(StepTemplate step) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", step.name());
        out.put("description", step.description());
        ObjectNode handler = out.putObject("handler");
        handler.put("callable", step.callable());
        handler.set("initialization", step.initialization() == null ? JsonNodeFactory.instance.objectNode() : step.initialization());
        handler.put("method", step.method() == null ? "call" : step.method());
        handler.putNull("resolver");
        out.put("type", step.type().yamlName());
        step.dependencies().forEach(out.putArray("dependencies")::add);
        ObjectNode retry = out.putObject("retry");
        retry.put("retryable", step.retry().retryable());
        retry.put("max_attempts", step.retry().maxAttempts());
        retry.put("backoff", step.retry().backoff().yamlName());
        retry.put("backoff_base_ms", step.retry().baseMs());
        retry.put("max_backoff_ms", step.retry().maxBackoffMs());
        out.put("timeout_seconds", step.timeoutSeconds());
        out.set("publishes_events", step.publishesEvents() == null ? JsonNodeFactory.instance.arrayNode() : step.publishesEvents());
        return out;
    }
}
