package dev.tasker.core.engine;

import dev.tasker.core.template.TaskTemplate;

import java.util.UUID;

/** A registered template row: immutable; tasks point at the row they were created from. */
public record TemplateRecord(UUID templateUuid, TaskTemplate template) {
}
