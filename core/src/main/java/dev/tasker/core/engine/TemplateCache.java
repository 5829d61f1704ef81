package dev.tasker.core.engine;

import dev.tasker.core.template.TemplateDag;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Template rows are immutable, so their DAGs are read once per JVM. */
final class TemplateCache {

    private final TaskStore store;
    private final Map<UUID, TemplateDag> dags = new ConcurrentHashMap<>();

    TemplateCache(TaskStore store) {
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
}
