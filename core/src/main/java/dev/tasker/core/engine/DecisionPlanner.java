package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.template.StepType;
import dev.tasker.core.template.TemplateDag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a decision step's {@code decision_point_outcome} creates: the chosen steps and every step below them,
 * up to and including the next decision step (whose own branches wait for its decision).
 */
public final class DecisionPlanner {

    /** A decision outcome the engine refuses; the decision step fails permanently with this message. */
    public static final class InvalidDecision extends RuntimeException {
        InvalidDecision(String message) {
            super(message);
        }
    }

    private final int maxStepsPerDecision;
    private final int maxDepth;

    public DecisionPlanner(int maxStepsPerDecision, int maxDepth) {
        this.maxStepsPerDecision = maxStepsPerDecision;
        this.maxDepth = maxDepth;
    }

    /** The steps to create, in template order; empty for {@code no_branches}. */
    public List<PlannedStep> plan(TemplateDag dag, String decisionStep, JsonNode result) {
        JsonNode outcome = result == null ? null : result.get("decision_point_outcome");
        if (outcome != null && outcome.isTextual()) {
            outcome = JsonNodeFactory.instance.objectNode().put("type", outcome.asText());
        }
        if (outcome == null || !outcome.isObject()) {
            throw new InvalidDecision("decision step '" + decisionStep + "' returned no decision_point_outcome; return "
                    + "decision_success(step_names) or skip_branches()");
        }
        String type = outcome.path("type").asText("");
        if (type.equals("no_branches")) {
            return List.of();
        }
        if (!type.equals("create_steps")) {
            throw new InvalidDecision("decision step '" + decisionStep + "': decision_point_outcome.type must be create_steps "
                    + "or no_branches, not '" + type + "'");
        }
        JsonNode names = outcome.path("step_names");
        if (!names.isArray() || names.isEmpty()) {
            throw new InvalidDecision("decision step '" + decisionStep + "': create_steps needs a non-empty step_names list "
                    + "(use skip_branches() to create none)");
        }
        long depth = 1 + dag.ancestors(decisionStep).stream().filter(a -> dag.step(a).type() == StepType.DECISION).count();
        if (depth > maxDepth) {
            throw new InvalidDecision("decision step '" + decisionStep + "' is nested " + depth + " decisions deep, more than "
                    + "the limit of " + maxDepth + " (tasker.worker.max-decision-depth)");
        }
        Set<String> allowed = dag.descendants(decisionStep);
        List<String> chosen = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        names.forEach(n -> (allowed.contains(n.asText()) ? chosen : refused).add(n.asText()));
        if (!refused.isEmpty()) {
            throw new InvalidDecision("decision step '" + decisionStep + "' chose steps that are not below it in the template: "
                    + refused + " (it may choose from " + allowed + ")");
        }
        Set<String> create = dag.downToNextDecisions(chosen);
        if (create.size() > maxStepsPerDecision) {
            throw new InvalidDecision("decision step '" + decisionStep + "' would create " + create.size()
                    + " steps, more than the limit of " + maxStepsPerDecision + " (tasker.worker.max-steps-per-decision)");
        }
        return dag.steps().stream().filter(s -> create.contains(s.name()))
                .map(s -> new PlannedStep(s.name(), s, JsonNodeFactory.instance.objectNode(), s.dependencies())).toList();
    }
}
