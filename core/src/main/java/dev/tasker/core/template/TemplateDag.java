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
    private final Map<String, java.util.Set<String>> ancestors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, com.fasterxml.jackson.databind.JsonNode> definitions = new java.util.concurrent.ConcurrentHashMap<>();
    /** The steps below a decision or a batch worker template: created by the task's run, not at its start. */
    private final java.util.Set<String> belowDynamic;

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
        java.util.Set<String> below = new java.util.HashSet<>();
        for (StepTemplate step : template.steps()) {
            if (step.type() == StepType.DECISION || step.type() == StepType.BATCH_WORKER) {
                below.addAll(descendants(step.name()));
            }
        }
        this.belowDynamic = java.util.Set.copyOf(below);
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

    /** The step as Tasker's workers receive it ({@code step_definition}), built once per step. */
    public com.fasterxml.jackson.databind.JsonNode definitionJson(String name) {
        return definitions.computeIfAbsent(name, n -> StepDefinitionJson.of(step(n)));
    }

    public List<String> parents(String name) {
        return step(name).dependencies();
    }

    /** Every step this one depends on, directly or through others; empty for a step not in the template. */
    public java.util.Set<String> ancestors(String name) {
        if (!steps.containsKey(name)) {
            return java.util.Set.of();
        }
        return ancestors.computeIfAbsent(name, n -> {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(step(n).dependencies());
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (out.add(next)) {
                    todo.addAll(step(next).dependencies());
                }
            }
            return java.util.Set.copyOf(out);
        });
    }

    /** Every step that depends on this one, directly or through others. */
    public java.util.Set<String> descendants(String name) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(children(name));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next)) {
                todo.addAll(children(next));
            }
        }
        return out;
    }

    /**
     * These steps and everything below them down to, and including, the next decisions: what a decision or batch
     * creates at once (a decision below decides later what comes under it).
     */
    public java.util.Set<String> downToNextDecisions(java.util.Collection<String> from) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next) && step(next).type() != StepType.DECISION) {
                todo.addAll(children(next));
            }
        }
        return out;
    }

    /**
     * A step exists from the task's start unless a decision or a batch creates it: it is a batch worker
     * template, or a decision step or a batch worker template comes before it.
     */
    public boolean isCreatedAtStart(String name) {
        return step(name).type() != StepType.BATCH_WORKER && !belowDynamic.contains(name);
    }

    /** Whether the template has a step of this name. */
    public boolean has(String name) {
        return steps.containsKey(name);
    }

    public List<String> children(String name) {
        return children.getOrDefault(name, Collections.emptyList());
    }
}
