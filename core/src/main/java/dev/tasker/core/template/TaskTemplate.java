package dev.tasker.core.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * A workflow definition in Tasker's YAML format, after environment overrides.
 *
 * @param sourceFile where it was read from, for messages (may be null)
 * @param definition the whole definition as JSON, as stored with every task created from it
 */
public record TaskTemplate(String namespace, String name, String version, String description, JsonNode metadata,
                           JsonNode inputSchema, List<StepTemplate> steps, String sourceFile, JsonNode definition) {

    public TaskTemplate {
        steps = List.copyOf(steps);
    }

    public Optional<StepTemplate> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /** {@code namespace/name@version}, as messages name a template. */
    public String key() {
        return namespace + "/" + name + "@" + version;
    }
}
