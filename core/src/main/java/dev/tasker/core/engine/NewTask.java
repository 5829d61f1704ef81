package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.retry.RetryPolicy;
import dev.tasker.core.template.StepType;

import java.util.List;
import java.util.UUID;

/** A task as it is written at creation: the task row, its steps and edges, in one transaction. */
public record NewTask(UUID taskUuid, UUID templateUuid, String namespace, String name, String version, JsonNode context,
                      String identityHash, String idempotencyKey, int priority, TaskOrigin origin, List<Step> steps,
                      List<Edge> edges, UUID parentStepUuid) {

    public NewTask {
        steps = List.copyOf(steps);
        edges = List.copyOf(edges);
    }

    /** The state a task is created in: in process, or complete when it has no steps. */
    public dev.tasker.core.state.TaskState initialState() {
        return steps.isEmpty() ? dev.tasker.core.state.TaskState.COMPLETE : dev.tasker.core.state.TaskState.STEPS_IN_PROCESS;
    }

    /** The steps ready at creation (no parents), in template order. */
    public List<Step> readySteps() {
        return steps.stream().filter(s -> s.pendingParents() == 0).toList();
    }

    /** A step of this task as its first attempt, claimed at creation: it depends on no other step's result. */
    public ClaimedStep claimedAtCreation(Step step) {
        return new ClaimedStep(taskUuid, templateUuid, step.stepUuid(), step.name(),
                step.templateStep() == null ? step.name() : step.templateStep(), namespace, step.callable(), 1,
                step.retry(), step.timeoutSeconds(), context, step.inputs(), null, java.util.Map.of());
    }

    /**
     * The task as it was created, with the times the database gave the rows: every step pending, except those
     * claimed at creation (in progress since {@code stepsStartedAt}).
     */
    public TaskView created(java.time.Instant createdAt, java.util.Map<java.util.UUID, java.time.Instant> stepsCreatedAt,
                            java.util.Map<java.util.UUID, java.time.Instant> stepsStartedAt) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        steps.forEach(s -> names.put(s.stepUuid(), s.name()));
        java.util.Map<UUID, List<String>> parents = new java.util.HashMap<>();
        edges.forEach(e -> parents.computeIfAbsent(e.to(), k -> new java.util.ArrayList<>()).add(names.get(e.from())));
        List<StepView> views = steps.stream().map(s -> {
            java.time.Instant started = stepsStartedAt.get(s.stepUuid());
            return new StepView(s.stepUuid(), taskUuid, s.name(),
                    started == null ? dev.tasker.core.state.StepState.PENDING : dev.tasker.core.state.StepState.IN_PROGRESS,
                    started == null ? 0 : 1, s.retry().maxAttempts(), null, null, s.inputs(), stepsCreatedAt.get(s.stepUuid()),
                    started, null, parents.getOrDefault(s.stepUuid(), List.of()), s.pendingParents(), s.retry().retryable(),
                    started == null ? stepsCreatedAt.get(s.stepUuid()) : started, stepsCreatedAt.get(s.stepUuid()), null);
        }).toList();
        var state = initialState();
        return new TaskView(taskUuid, namespace, name, version, state, context, priority, origin, createdAt, createdAt,
                state == dev.tasker.core.state.TaskState.COMPLETE ? createdAt : null,
                StepCounts.of(views.stream().map(StepView::state).toList(), steps.stream().map(Step::pendingParents).toList()),
                views);
    }

    /** @param templateStep the template step a batch worker is made from; null for every other step */
    public record Step(UUID stepUuid, String name, StepType type, String callable, RetryPolicy retry, int timeoutSeconds,
                       int pendingParents, JsonNode inputs, String templateStep) {

        public Step(UUID stepUuid, String name, StepType type, String callable, RetryPolicy retry, int timeoutSeconds,
                    int pendingParents, JsonNode inputs) {
            this(stepUuid, name, type, callable, retry, timeoutSeconds, pendingParents, inputs, null);
        }
    }

    public record Edge(UUID from, UUID to) {
    }
}
