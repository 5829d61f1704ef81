package dev.tasker.core.engine;

import dev.tasker.core.template.TemplateDag;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Template rows are immutable, so their DAGs are read once per JVM. */
final class TemplateCache {

    private final TemplateStore store;
    private final Map<UUID, TemplateDag> dags = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> childCallables = new ConcurrentHashMap<>();

    TemplateCache(TemplateStore store) {
        this.store = store;
    }

    TemplateDag dag(UUID templateUuid) {
        TemplateDag dag = dags.get(templateUuid);
        if (dag == null) {
            dag = store.templateByUuid(templateUuid).map(TemplateDags::of).orElse(null);
            if (dag != null) {
                dags.put(templateUuid, dag);
            }
        }
        return dag;
    }

    /** The callables of the steps a finishing step may release (null: not known, any). */
    java.util.Set<String> childCallables(ClaimedStep step) {
        TemplateDag dag = dag(step.templateUuid());
        if (dag == null || !dag.has(step.templateStep())) {
            return null;
        }
        return childCallables.computeIfAbsent(step.templateUuid() + "/" + step.templateStep(), key -> java.util.Set.copyOf(
                dag.children(step.templateStep()).stream().map(child -> dag.step(child).callable()).toList()));
    }
}
