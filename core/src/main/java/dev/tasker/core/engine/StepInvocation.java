package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.json.Unstorable;
import dev.tasker.core.template.TemplateDag;

/**
 * One attempt's call of its handler: the handler resolved from the step's callable, called with the context API, and
 * its answer turned into an outcome. A checkpoint yield saves the checkpoint and calls the handler again from it, in
 * the same attempt, its timeout started afresh.
 */
final class StepInvocation {

    private final StepQueue store;
    private final TemplateCache templates;
    private final TemplateOutcomes outcomes;
    private final OutcomeDecider decider;
    private final WorkerSettings settings;

    StepInvocation(StepQueue store, TemplateCache templates, TemplateOutcomes outcomes,
                   OutcomeDecider decider, WorkerSettings settings) {
        this.store = store;
        this.templates = templates;
        this.outcomes = outcomes;
        this.decider = decider;
        this.settings = settings;
    }

    /**
     * @param startTimeout called before each run after a yield, so that each run gets the step's whole timeout, and when
     *                     a handler that waits for its runner has it
     */
    StepOutcome invoke(RunningStep r, Runnable startTimeout) throws Exception {
        ClaimedStep step = r.step;
        StepHandler handler = r.handler;
        TemplateDag dag = templates.dag(step.templateUuid());
        ClaimedStep current = step;
        StepResult result = handler.call(context(current, dag, startTimeout));
        while (result instanceof StepResult.Yield yield) {
            var unstorable = unstorable(yield.checkpoint(), "checkpoint");
            if (unstorable.isPresent()) {
                return decider.failure(step, StepResult.failure(unstorable.get(), "UnstorableResult", false));
            }
            JsonNode saved = Checkpoints.next(current.checkpoint(), yield.checkpoint());
            if (!Checkpoints.progressed(current.checkpoint(), saved)) {
                return decider.failure(step, StepResult.failure("checkpoint_yield at cursor " + saved.get("cursor")
                        + " made no progress since the last yield; the step would run forever", "CheckpointError", false));
            }
            if (!store.saveCheckpoint(settings.workerId(), current, saved, settings.leaseMarginSeconds())) {
                throw new IllegalStateException("step " + step.name() + " is no longer this worker's; its checkpoint "
                        + "was not saved");
            }
            current = current.withCheckpoint(saved);
            startTimeout.run();
            result = handler.call(context(current, dag, startTimeout));
        }
        return switch (result) {
            case StepResult.Success s -> unstorable(s.result(), "result").or(() -> unstorable(s.metadata(), "metadata"))
                    .map(problem -> decider.failure(step, StepResult.failure(problem, "UnstorableResult", false)))
                    .orElseGet(() -> outcomes.decided(step, decider.success(s)));
            case StepResult.Failure f -> decider.failure(step, f);
            case StepResult.Yield y -> throw new IllegalStateException("unreachable");
            case null -> decider.success(new StepResult.Success(JsonNodeFactory.instance.nullNode(), null));
        };
    }

    private static java.util.Optional<String> unstorable(JsonNode value, String root) {
        return Unstorable.nulAt(value, root).map(Unstorable::describe);
    }

    private HandlerContext context(ClaimedStep step, TemplateDag dag, Runnable runnerAcquired) {
        return new HandlerContext(step, dag != null && dag.has(step.templateStep()) ? dag : null,
                checkpoint -> store.saveCheckpoint(settings.workerId(), step, checkpoint, settings.leaseMarginSeconds()),
                runnerAcquired);
    }
}
