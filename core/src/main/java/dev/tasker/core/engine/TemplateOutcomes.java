package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.template.TemplateDag;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a step's outcome means under its template: the steps a decision or batch creates, a sub-workflow to start,
 * the domain events that fire, and a failed batch worker's failure strategy.
 */
final class TemplateOutcomes {

    private static final Logger LOG = Logger.getLogger(TemplateOutcomes.class.getName());

    private final TemplateStore store;
    private final TemplateCache templates;
    private final OutcomeDecider decider;
    private final DecisionPlanner decisions;
    private final BatchPlanner batches;

    TemplateOutcomes(TemplateStore store, TemplateCache templates, OutcomeDecider decider, DecisionPlanner decisions,
                     BatchPlanner batches) {
        this.store = store;
        this.templates = templates;
        this.decider = decider;
        this.decisions = decisions;
        this.batches = batches;
    }

    /**
     * A decision's or batchable step's success carries the steps its outcome creates; an outcome the engine
     * refuses fails the step permanently.
     */
    StepOutcome decided(ClaimedStep step, StepOutcome success) {
        if (success.result() != null && success.result().has("sub_workflow")) {
            return subWorkflow(step, success);
        }
        TemplateDag dag = templates.dag(step.templateUuid());
        if (dag == null || !dag.has(step.templateStep())) {
            return success;
        }
        var type = dag.step(step.templateStep()).type();
        if (type != dev.tasker.core.template.StepType.DECISION && type != dev.tasker.core.template.StepType.BATCHABLE) {
            return success;
        }
        try {
            return success.creating(type == dev.tasker.core.template.StepType.DECISION
                    ? decisions.plan(dag, step.name(), success.result())
                    : batches.plan(dag, step.name(), success.result()));
        } catch (DecisionPlanner.InvalidDecision e) {
            return decider.failure(step, new StepResult.Failure(e.getMessage(), "InvalidDecision", false, null,
                    "invalid_decision", null));
        }
    }

    /** The step's handler.initialization, or null. */
    JsonNode config(ClaimedStep step) {
        TemplateDag dag = templates.dag(step.templateUuid());
        return dag == null || !dag.has(step.templateStep()) ? null : dag.step(step.templateStep()).initialization();
    }

    /** A result asking for a sub-workflow: the step waits for a child task of a registered template. */
    private StepOutcome subWorkflow(ClaimedStep step, StepOutcome success) {
        JsonNode request = success.result().get("sub_workflow");
        String namespace = request.path("namespace").asText(null);
        String name = request.path("name").asText(null);
        String version = request.path("version").asText(null);
        var template = namespace == null || name == null ? java.util.Optional.<TemplateRecord>empty()
                : store.findTemplate(namespace, name, version);
        if (template.isEmpty()) {
            return decider.failure(step, new StepResult.Failure("step " + step.name() + " asked for sub-workflow "
                    + namespace + "/" + name + (version == null ? "" : "@" + version) + ", which is not a registered template",
                    "SubWorkflowNotFound", false, null, "sub_workflow_not_found", null));
        }
        JsonNode context = request.has("context") ? request.get("context") : JsonNodeFactory.instance.objectNode();
        TaskRequest child = new TaskRequest(namespace, name, version, context,
                "sub-workflow:" + step.stepUuid() + ":" + step.attempt(), null, "sub-workflow of " + step.taskUuid(),
                null, "started by step " + step.name(), List.of());
        return success.waitingFor(new StepOutcome.ChildTask(template.get(), child));
    }

    /** The outcome as it is recorded: the step's failure strategy and its domain events applied. */
    StepOutcome applied(ClaimedStep step, StepOutcome outcome) {
        return withDomainEvents(step, withFailureStrategy(step, outcome));
    }

    /** The step's publishes_events that fire for this outcome; durable ones are written with it. */
    private StepOutcome withDomainEvents(ClaimedStep step, StepOutcome outcome) {
        TemplateDag dag = templates.dag(step.templateUuid());
        if (dag == null || !dag.has(step.templateStep())) {
            return outcome;
        }
        try {
            return outcome.withEvents(dev.tasker.core.events.EventRules.fired(dag.step(step.templateStep()).publishesEvents(),
                    step, outcome));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The events of step " + step.name() + " could not be built; the step is not affected", e);
            return outcome;
        }
    }

    /** A batch worker in error follows its batch_config.failure_strategy (default fail_fast). */
    private StepOutcome withFailureStrategy(ClaimedStep step, StepOutcome outcome) {
        if (outcome.nextState() != dev.tasker.core.state.StepState.ERROR) {
            return outcome;
        }
        TemplateDag dag = templates.dag(step.templateUuid());
        if (dag == null || !dag.has(step.templateStep())
                || dag.step(step.templateStep()).type() != dev.tasker.core.template.StepType.BATCH_WORKER) {
            return outcome;
        }
        String strategy = failureStrategy(dag, step.templateStep());
        return outcome.onError("continue_on_failure".equals(strategy)
                ? StepOutcome.OnError.RELEASE_DEPENDENTS : StepOutcome.OnError.CANCEL_SIBLINGS);
    }

    private static String failureStrategy(TemplateDag dag, String workerTemplate) {
        JsonNode own = dag.step(workerTemplate).batchConfig();
        if (own != null && own.hasNonNull("failure_strategy")) {
            return own.get("failure_strategy").asText();
        }
        for (String parent : dag.parents(workerTemplate)) {
            JsonNode config = dag.step(parent).batchConfig();
            if (config != null && config.hasNonNull("failure_strategy")) {
                return config.get("failure_strategy").asText();
            }
        }
        return "fail_fast";
    }
}
