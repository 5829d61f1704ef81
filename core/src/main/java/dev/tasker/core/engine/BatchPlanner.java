package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.template.StepTemplate;
import dev.tasker.core.template.StepType;
import dev.tasker.core.template.TemplateDag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a batchable step's {@code batch_processing_outcome} creates: one worker per cursor, named
 * {@code {worker_template}_001}…, with its cursor in step_inputs (or one no-op worker for {@code no_batches}),
 * and the steps below the worker template, whose dependency on the template becomes one on every worker.
 */
public final class BatchPlanner {

    private final int maxWorkers;

    public BatchPlanner(int maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    public List<PlannedStep> plan(TemplateDag dag, String batchableStep, JsonNode result) {
        JsonNode outcome = result == null ? null : result.get("batch_processing_outcome");
        if (outcome != null && outcome.isTextual()) {
            outcome = JsonNodeFactory.instance.objectNode().put("type", outcome.asText());
        }
        if (outcome == null || !outcome.isObject()) {
            throw new DecisionPlanner.InvalidDecision("batchable step '" + batchableStep + "' returned no batch_processing_outcome; "
                    + "return batch_success(worker_template_name, total_items, batch_size) or a no_batches outcome");
        }
        String type = outcome.path("type").asText("");
        if (type.equals("create_batches") && outcome.path("cursor_configs").isArray() && outcome.get("cursor_configs").isEmpty()) {
            type = "no_batches";
        }
        List<StepTemplate> workerTemplates = dag.children(batchableStep).stream().map(dag::step)
                .filter(s -> s.type() == StepType.BATCH_WORKER).toList();
        List<PlannedStep> out = new ArrayList<>();
        StepTemplate worker;
        List<String> workers = new ArrayList<>();
        if (type.equals("no_batches")) {
            if (workerTemplates.isEmpty()) {
                return List.of();
            }
            worker = workerTemplates.getFirst();
            String name = worker.name() + "_001";
            workers.add(name);
            out.add(new PlannedStep(name, worker, inputs(JsonNodeFactory.instance.objectNode(), outcome, true), List.of(batchableStep)));
        } else if (type.equals("create_batches")) {
            String templateName = outcome.path("worker_template_name").asText("");
            worker = workerTemplates.stream().filter(s -> s.name().equals(templateName)).findFirst().orElseThrow(() ->
                    new DecisionPlanner.InvalidDecision("batchable step '" + batchableStep + "': worker_template_name '" + templateName
                            + "' is not a batch_worker step depending on it (those are " + workerTemplates.stream().map(StepTemplate::name).toList() + ")"));
            JsonNode cursors = outcome.path("cursor_configs");
            if (!cursors.isArray() || cursors.isEmpty()) {
                throw new DecisionPlanner.InvalidDecision("batchable step '" + batchableStep + "': create_batches needs cursor_configs");
            }
            if (cursors.size() > maxWorkers) {
                throw new DecisionPlanner.InvalidDecision("batchable step '" + batchableStep + "' asked for " + cursors.size()
                        + " workers, more than the limit of " + maxWorkers);
            }
            for (int i = 0; i < cursors.size(); i++) {
                String name = "%s_%03d".formatted(worker.name(), i + 1);
                workers.add(name);
                out.add(new PlannedStep(name, worker, inputs(cursors.get(i), outcome, false), List.of(batchableStep)));
            }
        } else {
            throw new DecisionPlanner.InvalidDecision("batchable step '" + batchableStep + "': batch_processing_outcome.type must be "
                    + "create_batches or no_batches, not '" + type + "'");
        }
        Set<String> below = dag.downToNextDecisions(dag.children(worker.name()));
        for (StepTemplate s : dag.steps()) {
            if (below.contains(s.name())) {
                List<String> parents = new ArrayList<>();
                for (String dep : s.dependencies()) {
                    if (dep.equals(worker.name())) {
                        parents.addAll(workers);
                    } else {
                        parents.add(dep);
                    }
                }
                out.add(new PlannedStep(s.name(), s, JsonNodeFactory.instance.objectNode(), parents));
            }
        }
        return out;
    }

    private static JsonNode inputs(JsonNode cursor, JsonNode outcome, boolean noOp) {
        ObjectNode inputs = JsonNodeFactory.instance.objectNode();
        inputs.set("cursor", cursor);
        ObjectNode metadata = inputs.putObject("batch_metadata");
        metadata.set("total_items", outcome.path("total_items"));
        metadata.set("worker_count", outcome.path("worker_count"));
        inputs.put("is_no_op", noOp);
        return inputs;
    }
}
