package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional approval: validate, a routing decision, then auto_approve, manager_approval and/or
 * finance_review, and finalize as a deferred convergence of the branches that exist.
 */
class DecisionWorkflowTest {

    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Approval::Validate", ctx -> StepResult.success(ctx.getInput("amount")))
                .handler("Approval::Route", ctx -> {
                    double amount = ctx.getDependencyResult("validate").asDouble();
                    List<String> chosen = amount < 1000 ? List.of("auto_approve")
                            : amount < 5000 ? List.of("manager_approval") : List.of("manager_approval", "finance_review");
                    return StepResult.success(Map.of("decision_point_outcome", Map.of("type", "create_steps", "step_names", chosen)));
                })
                .handler("Approval::RouteBadly", ctx -> StepResult.success(Map.of("decision_point_outcome",
                        Map.of("type", "create_steps", "step_names", List.of("auto_approve", "launch_rockets")))))
                .handler("Approval::Auto", ctx -> StepResult.success("auto"))
                .handler("Approval::Manager", ctx -> StepResult.success("manager"))
                .handler("Approval::Finance", ctx -> StepResult.success("finance"))
                .handler("Approval::Finalize", ctx -> StepResult.success(ctx.dependencyResults().keySet().stream()
                        .filter(k -> !k.equals("validate") && !k.equals("routing")).sorted().toList()))
                .template(template("approval", "Approval::Route"))
                .template(template("approval_bad", "Approval::RouteBadly"));
    }

    private static String template(String name, String router) {
        return """
                name: %s
                namespace_name: approvals
                version: 1.0.0
                steps:
                  - { name: validate, handler: { callable: Approval::Validate } }
                  - { name: routing, type: decision, handler: { callable: %s }, dependencies: [validate] }
                  - { name: auto_approve, handler: { callable: Approval::Auto }, dependencies: [routing] }
                  - { name: manager_approval, handler: { callable: Approval::Manager }, dependencies: [routing] }
                  - { name: finance_review, handler: { callable: Approval::Finance }, dependencies: [routing] }
                  - name: finalize
                    type: deferred_convergence
                    handler: { callable: Approval::Finalize }
                    dependencies: [auto_approve, manager_approval, finance_review]
                """.formatted(name, router);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest(name = "amount {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "500   | auto_approve",
            "1000  | manager_approval",
            "3000  | manager_approval",
            "5000  | finance_review manager_approval",
            "10000 | finance_review manager_approval",
            "0.01  | auto_approve",
    })
    void onlyTheChosenBranchesExistAndFinalizeConvergesOnThem(String amount, String branches) {
        TaskView task = engine.awaitEnd(engine.submit("approvals", "approval", "{\"amount\": " + amount + "}"));

        List<String> expected = Arrays.asList(branches.split(" "));
        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.steps()).extracting(StepView::name).containsExactlyInAnyOrderElementsOf(
                concat(List.of("validate", "routing", "finalize"), expected));
        assertThat(task.steps()).allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.COMPLETE));
        StepView finalize = task.step("finalize").orElseThrow();
        assertThat(finalize.result()).isEqualTo(Json.toTree(expected));
        for (String branch : expected) {
            assertThat(finalize.startedAt()).isAfterOrEqualTo(task.step(branch).orElseThrow().completedAt());
        }
        assertThat(task.counts().total()).isEqualTo(3 + expected.size());
    }

    @Test
    void aDecisionNamingAStepItMayNotCreateFailsPermanentlyWithTheName() {
        TaskView task = engine.awaitEnd(engine.submit("approvals", "approval_bad", "{\"amount\": 1}"));

        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        StepView routing = task.step("routing").orElseThrow();
        assertThat(routing.state()).isEqualTo(StepState.ERROR);
        assertThat(routing.attempts()).isEqualTo(1);
        assertThat(routing.error().get("message").asText()).isEqualTo("decision step 'routing' chose steps that are not below "
                + "it in the template: [launch_rockets] (it may choose from [auto_approve, manager_approval, finance_review, finalize])");
        assertThat(task.steps()).extracting(StepView::name).containsExactlyInAnyOrder("validate", "routing");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
