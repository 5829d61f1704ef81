package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.state.StepState;
import dev.tasker.core.template.TemplateDag;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which results a claimed step gets: those of its ancestors, found in the template DAG held in memory (a batch worker
 * template among them stands for every worker made from it). The store reads them, in the claim's transaction when it can.
 */
public final class DependencyResults {

    private final TemplateCache templates;

    DependencyResults(TemplateCache templates) {
        this.templates = templates;
    }

    /** Reading the templates' DAGs from the store, for a caller of the store other than a worker. */
    public static DependencyResults readingTemplatesFrom(TemplateStore store) {
        return new DependencyResults(new TemplateCache(store));
    }

    /** The step names whose results the steps need, by task; empty when none needs any. */
    public Map<UUID, Set<String>> wanted(List<ClaimedStep> steps) {
        Map<UUID, Set<String>> wanted = new HashMap<>();
        for (ClaimedStep step : steps) {
            TemplateDag dag = templates.dag(step.templateUuid());
            Set<String> ancestors = dag == null ? Set.of() : dag.ancestors(step.templateStep());
            if (!ancestors.isEmpty()) {
                wanted.computeIfAbsent(step.taskUuid(), k -> new HashSet<>()).addAll(ancestors);
            }
        }
        return wanted;
    }

    /**
     * The results a finishing step already holds for its children: its own and those of its ancestors (read when it
     * was claimed). A child with this step as its only parent depends on exactly these, so it needs no read. A step
     * that did not complete has no result to give (a child released past a failed batch worker reads the others).
     */
    public static Map<String, JsonNode> heldBy(ClaimedStep finishing, StepOutcome outcome) {
        Map<String, JsonNode> held = new HashMap<>(finishing.dependencyResults());
        if (outcome.nextState() == StepState.COMPLETE) {
            held.put(finishing.name(), outcome.result() == null ? JsonNodeFactory.instance.nullNode() : outcome.result());
        }
        return held;
    }

    /** {@code wanted} without the names {@code held} answers, dropping tasks left with none. */
    public static Map<UUID, Set<String>> missing(Map<UUID, Set<String>> wanted, UUID task, Map<String, JsonNode> held) {
        Map<UUID, Set<String>> missing = new HashMap<>();
        wanted.forEach((t, names) -> {
            Set<String> left = new HashSet<>(names);
            if (t.equals(task)) {
                left.removeAll(held.keySet());
            }
            if (!left.isEmpty()) {
                missing.put(t, left);
            }
        });
        return missing;
    }

    /** Each step with the results, among {@code results} of its task, of the steps it depends on. */
    public List<ClaimedStep> attach(List<ClaimedStep> steps, Map<UUID, Map<String, JsonNode>> results) {
        return steps.stream().map(step -> {
            TemplateDag dag = templates.dag(step.templateUuid());
            Map<String, JsonNode> ofTask = results.getOrDefault(step.taskUuid(), Map.of());
            Map<String, JsonNode> mine = new HashMap<>();
            if (dag != null && dag.has(step.templateStep())) {
                Set<String> ancestors = dag.ancestors(step.templateStep());
                ofTask.forEach((name, result) -> {
                    if (ancestors.contains(name) || ancestors.contains(batchTemplateOf(name))) {
                        mine.put(name, result);
                    }
                });
            }
            return step.withDependencyResults(mine);
        }).toList();
    }

    /** {@code process_batch} for {@code process_batch_003}. */
    private static String batchTemplateOf(String name) {
        return name.replaceFirst("_\\d{3,}$", "");
    }
}
