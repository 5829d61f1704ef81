package dev.tasker.core.engine;

import dev.tasker.core.template.TemplateDag;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The DAG of each registered template row, built once: rows are immutable, so it never goes stale. */
final class TemplateDags {

    private static final Map<UUID, TemplateDag> DAGS = new ConcurrentHashMap<>();

    private TemplateDags() {
    }

    static TemplateDag of(TemplateRecord record) {
        return DAGS.computeIfAbsent(record.templateUuid(), k -> new TemplateDag(record.template()));
    }
}
