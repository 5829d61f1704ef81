package dev.tasker.core.engine;

import java.util.List;

import dev.tasker.core.json.Json;

import java.util.UUID;

/**
 * Submitting work: finds the template, builds the task and writes it; the local worker takes its first steps in the
 * same transaction when it has free permits, and is woken for the others.
 */
public final class TaskService {

    private final TaskStore store;
    private final EngineEvents events;
    private final LocalWorker localWorker;
    private final ContextValidator contexts;

    /** @param wakeLocalWorker told the namespace of each new task */
    public TaskService(TaskStore store, java.util.function.Consumer<String> wakeLocalWorker) {
        this(store, LocalWorker.wakingOnly(wakeLocalWorker), EngineEvents.NONE);
    }

    public TaskService(TaskStore store, LocalWorker localWorker, EngineEvents events) {
        this(store, localWorker, events, true);
    }

    /** @param enforceInputSchema false: a context that fails its template's input_schema is logged, not refused */
    public TaskService(TaskStore store, LocalWorker localWorker, EngineEvents events, boolean enforceInputSchema) {
        this.contexts = new ContextValidator(enforceInputSchema);
        this.events = events;
        this.store = store;
        this.localWorker = localWorker;
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
        List<NewTask.Step> readySteps = task.readySteps();
        int ready = readySteps.size();
        RootClaim claim = localWorker.reserve(task.namespace(), readySteps.stream().map(NewTask.Step::callable).toList());
        CreatedTask created;
        try {
            created = store.createTask(task, claim);
        } catch (RuntimeException e) {
            localWorker.created(task.namespace(), 0, claim, java.util.List.of());
            throw e;
        }
        localWorker.created(task.namespace(), ready, claim, created.claimed());
        events.taskCreated(request.namespace());
        return created.task();
    }
}
