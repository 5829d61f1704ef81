package dev.tasker.core.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated template as a graph held in memory: parents and children of every step. Immutable;
 * the engine caches one per template row and derives readiness from it, not from SQL.
 */
public final class TemplateDag {

    private final TaskTemplate template;
    private final Map<String, StepTemplate> steps = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    public TemplateDag(TaskTemplate template) {
        this.template = template;
        for (StepTemplate step : template.steps()) {
            steps.put(step.name(), step);
            children.put(step.name(), new ArrayList<>());
        }
        for (StepTemplate step : template.steps()) {
            for (String parent : step.dependencies()) {
                children.get(parent).add(step.name());
            }
        }
        children.replaceAll((k, v) -> List.copyOf(v));
    }

    public TaskTemplate template() {
        return template;
    }

    public List<StepTemplate> steps() {
        return template.steps();
    }

    public StepTemplate step(String name) {
        StepTemplate step = steps.get(name);
        if (step == null) {
            throw new IllegalArgumentException("template " + template.key() + " has no step '" + name + "'");
        }
        return step;
    }

    public List<String> parents(String name) {
        return step(name).dependencies();
    }

    public List<String> children(String name) {
        return children.getOrDefault(name, Collections.emptyList());
    }
}
