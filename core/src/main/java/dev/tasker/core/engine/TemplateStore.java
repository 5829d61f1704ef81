package dev.tasker.core.engine;

import dev.tasker.core.template.TaskTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Task templates: registered once, looked up by key or id. */
public interface TemplateStore {

    /** Registers a template; an unchanged definition keeps its row, a changed one becomes the current row. */
    TemplateRecord registerTemplate(TaskTemplate template);

    /** The current row of every template, ordered by namespace, name and version. */
    List<TemplateRecord> currentTemplates();

    /** The current row of a template; {@code version} null means the latest registered. */
    Optional<TemplateRecord> findTemplate(String namespace, String name, String version);

    Optional<TemplateRecord> templateByUuid(UUID templateUuid);
}
