package dev.tasker.core.engine;

import dev.tasker.core.json.Json;

import java.util.UUID;

/** Submitting work: finds the template, builds the task and writes it; the local worker is woken at once. */
public final class TaskService {

    private final TaskStore store;
    private final EngineEvents events;
    private final java.util.function.Consumer<String> wakeLocalWorker;
    private final ContextValidator contexts = new ContextValidator();

    /** @param wakeLocalWorker told the namespace of each new task */
    public TaskService(TaskStore store, java.util.function.Consumer<String> wakeLocalWorker) {
        this(store, wakeLocalWorker, EngineEvents.NONE);
    }

    public TaskService(TaskStore store, java.util.function.Consumer<String> wakeLocalWorker, EngineEvents events) {
        this.events = events;
        this.store = store;
        this.wakeLocalWorker = wakeLocalWorker;
    }

    /** Throws {@link TemplateNotFoundException}, {@link InvalidContextException} or {@link DuplicateTaskException}. */
    public UUID create(TaskRequest request) {
        return submit(request).taskUuid();
    }

    /** Like {@link #create}, answering the task as it was created. */
    public TaskView submit(TaskRequest request) {
        TemplateRecord template = store.findTemplate(request.namespace(), request.name(), request.version())
                .orElseThrow(() -> new TemplateNotFoundException(request.namespace(), request.name(), request.version()));
        contexts.validate(template, request.context() == null ? Json.MAPPER.createObjectNode() : request.context());
        NewTask task = TaskFactory.build(template, request);
        TaskView created = store.createTask(task);
        events.taskCreated(request.namespace());
        wakeLocalWorker.accept(task.namespace());
        return created;
    }
}
