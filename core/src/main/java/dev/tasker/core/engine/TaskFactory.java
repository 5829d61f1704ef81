package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import dev.tasker.core.json.Json;
import dev.tasker.core.template.StepTemplate;
import dev.tasker.core.template.TemplateDag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a request and its template into the rows of a new task: every step with its pending-parent count,
 * except the steps behind a decision, which the decision creates when it has decided.
 */
public final class TaskFactory {

    private static final NoArgGenerator UUID_V7 = Generators.timeBasedEpochGenerator();

    private TaskFactory() {
    }

    public static UUID newUuid() {
        return UUID_V7.generate();
    }

    public static NewTask build(TemplateRecord record, TaskRequest request) {
        return build(record, request, null);
    }

    /** @param parentStepUuid the step that started this task as its sub-workflow, or null */
    public static NewTask build(TemplateRecord record, TaskRequest request, UUID parentStepUuid) {
        TemplateDag dag = TemplateDags.of(record);
        var t = record.template();
        JsonNode context = request.context() == null ? JsonNodeFactory.instance.objectNode() : request.context();
        Map<String, UUID> ids = new HashMap<>();
        List<StepTemplate> atStart = dag.steps().stream().filter(s -> dag.isCreatedAtStart(s.name())).toList();
        for (StepTemplate step : atStart) {
            ids.put(step.name(), newUuid());
        }
        List<NewTask.Step> steps = new ArrayList<>();
        List<NewTask.Edge> edges = new ArrayList<>();
        for (StepTemplate step : atStart) {
            steps.add(new NewTask.Step(ids.get(step.name()), step.name(), step.type(), step.callable(), step.retry(),
                    step.timeoutSeconds(), step.dependencies().size(), JsonNodeFactory.instance.objectNode()));
            for (String parent : step.dependencies()) {
                edges.add(new NewTask.Edge(ids.get(parent), ids.get(step.name())));
            }
        }
        return new NewTask(newUuid(), record.templateUuid(), t.namespace(), t.name(), t.version(), context,
                TaskIdentity.of(t.namespace(), t.name(), t.version(), context, request.idempotencyKey()),
                request.idempotencyKey(), request.priority() == null ? 0 : request.priority(),
                new TaskOrigin(request.initiator(), request.sourceSystem(), request.reason(), request.tags(),
                        request.correlationId() == null ? UUID.randomUUID() : request.correlationId(),
                        request.parentCorrelationId()),
                steps, edges, parentStepUuid);
    }
}
