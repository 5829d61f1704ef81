package dev.tasker.core.engine;

/** The engine's persistence, one port per aggregate; db implements them all on PostgreSQL. */
public interface TaskStore extends TemplateStore, TaskRecords, StepQueue, OperatorActions {
}
