package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** square, +10, ×3, ÷2: 6 gives 69 and 4 gives 39. */
class LinearWorkflowTest {

    private static final String LINEAR_MATH = """
            name: linear_math
            namespace_name: math
            version: 1.0.0
            steps:
              - { name: square, handler: { callable: Linear::Square } }
              - { name: add_ten, handler: { callable: Linear::AddTen }, dependencies: [square] }
              - { name: times_three, handler: { callable: Linear::TimesThree }, dependencies: [add_ten] }
              - { name: halve, handler: { callable: Linear::Halve }, dependencies: [times_three] }
            """;

    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Linear::Square", ctx -> StepResult.success(ctx.getInput("even_number").asLong() * ctx.getInput("even_number").asLong()))
                .handler("Linear::AddTen", ctx -> StepResult.success(ctx.getDependencyResult("square").asLong() + 10))
                .handler("Linear::TimesThree", ctx -> StepResult.success(ctx.getDependencyResult("add_ten").asLong() * 3))
                .handler("Linear::Halve", ctx -> StepResult.success(ctx.getDependencyResult("times_three").asDouble() / 2))
                .template(LINEAR_MATH)
                .handler("Linear::Seen", ctx -> StepResult.success(new java.util.TreeMap<>(ctx.dependencyResults())))
                .template(LINEAR_MATH.replace("name: linear_math", "name: what_each_step_sees")
                        .replace("{ name: halve, handler: { callable: Linear::Halve }", "{ name: seen, handler: { callable: Linear::Seen }"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void sixGivesSixtyNine() {
        TaskView task = engine.awaitEnd(engine.submit("math", "linear_math", "{\"even_number\": 6}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("square").orElseThrow().result().asLong()).isEqualTo(36);
        assertThat(task.step("add_ten").orElseThrow().result().asLong()).isEqualTo(46);
        assertThat(task.step("times_three").orElseThrow().result().asLong()).isEqualTo(138);
        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(69.0);
        assertThat(task.steps()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(StepState.COMPLETE);
            assertThat(s.attempts()).isEqualTo(1);
        });
        assertThat(task.counts().completionPercentage()).isEqualTo(100.0);
        assertThat(task.counts().executionStatus()).isEqualTo("all_complete");
        assertThat(task.completedAt()).isNotNull();
    }

    @Test
    void theLastStepSeesTheResultOfEveryAncestorAndNoOther() {
        TaskView task = engine.awaitEnd(engine.submit("math", "what_each_step_sees", "{\"even_number\": 2}"));

        assertThat(task.step("seen").orElseThrow().result())
                .isEqualTo(dev.tasker.core.json.Json.read("{\"square\": 4, \"add_ten\": 14, \"times_three\": 42}"));
    }

    @Test
    void fourGivesThirtyNine() {
        TaskView task = engine.awaitEnd(engine.submit("math", "linear_math", "{\"even_number\": 4}"));

        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(39.0);
    }

    @Test
    void stepsRunInDependencyOrderAndEveryTransitionIsAudited() {
        UUID id = engine.submit("math", "linear_math", "{\"even_number\": 8}");
        TaskView task = engine.awaitEnd(id);

        for (String[] pair : new String[][] {{"square", "add_ten"}, {"add_ten", "times_three"}, {"times_three", "halve"}}) {
            assertThat(task.step(pair[0]).orElseThrow().completedAt())
                    .isBeforeOrEqualTo(task.step(pair[1]).orElseThrow().startedAt());
        }
        assertThat(engine.queries().stepTransitions(task.step("square").orElseThrow().stepUuid()))
                .extracting(Transition::fromState, Transition::toState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "pending"),
                        org.assertj.core.groups.Tuple.tuple("pending", "in_progress"),
                        org.assertj.core.groups.Tuple.tuple("in_progress", "complete"));
        assertThat(engine.queries().taskTransitions(id)).extracting(Transition::toState)
                .containsExactly("pending", "steps_in_process", "complete");
    }
}
