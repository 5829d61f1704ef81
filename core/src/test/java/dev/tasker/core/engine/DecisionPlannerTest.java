package dev.tasker.core.engine;

import dev.tasker.core.json.Json;
import dev.tasker.core.template.TemplateDag;
import dev.tasker.core.template.TemplateParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionPlannerTest {

    private static final TemplateDag NESTED = new TemplateDag(new TemplateParser(null, c -> true).parse("""
            name: nested
            namespace_name: tests
            version: 1.0.0
            steps:
              - { name: start, handler: { callable: X } }
              - { name: outer, type: decision, handler: { callable: X }, dependencies: [start] }
              - { name: inner, type: decision, handler: { callable: X }, dependencies: [outer] }
              - { name: leaf, handler: { callable: X }, dependencies: [inner] }
              - { name: other, handler: { callable: X }, dependencies: [outer] }
            """, "nested.yaml"));

    @Test
    void aChosenDecisionIsCreatedButItsOwnBranchesWaitForIt() {
        var plan = new DecisionPlanner(100, 10).plan(NESTED, "outer",
                Json.read("{\"decision_point_outcome\": {\"type\": \"create_steps\", \"step_names\": [\"inner\"]}}"));

        assertThat(plan).extracting(PlannedStep::name).containsExactly("inner");
    }

    @Test
    void tooManyStepsOrTooDeepANestingIsRefusedWithTheLimit() {
        var outcome = Json.read("{\"decision_point_outcome\": {\"type\": \"create_steps\", \"step_names\": [\"leaf\"]}}");
        assertThatThrownBy(() -> new DecisionPlanner(100, 1).plan(NESTED, "inner", outcome))
                .hasMessage("decision step 'inner' is nested 2 decisions deep, more than the limit of 1 (tasker.worker.max-decision-depth)");
        var both = Json.read("{\"decision_point_outcome\": {\"type\": \"create_steps\", \"step_names\": [\"inner\", \"other\"]}}");
        assertThatThrownBy(() -> new DecisionPlanner(1, 10).plan(NESTED, "outer", both))
                .hasMessage("decision step 'outer' would create 2 steps, more than the limit of 1 (tasker.worker.max-steps-per-decision)");
    }
}
