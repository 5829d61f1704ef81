package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** start squares; branch B adds 25, branch C doubles; end averages: 6 gives 66.5. */
class DiamondWorkflowTest {

    @Test
    void sixGivesSixtySixAndAHalf() {
        try (TestEngine engine = new TestEngine()
                .handler("Diamond::Start", ctx -> StepResult.success(Math.pow(ctx.getInput("even_number").asDouble(), 2)))
                .handler("Diamond::B", ctx -> StepResult.success(ctx.getDependencyResult("diamond_start").asDouble() + 25))
                .handler("Diamond::C", ctx -> StepResult.success(ctx.getDependencyResult("diamond_start").asDouble() * 2))
                .handler("Diamond::End", ctx -> StepResult.success((ctx.getDependencyResult("branch_b").asDouble()
                        + ctx.getDependencyResult("branch_c").asDouble()) / 2))
                .template("""
                        name: diamond
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: diamond_start, handler: { callable: Diamond::Start } }
                          - { name: branch_b, handler: { callable: Diamond::B }, dependencies: [diamond_start] }
                          - { name: branch_c, handler: { callable: Diamond::C }, dependencies: [diamond_start] }
                          - { name: diamond_end, handler: { callable: Diamond::End }, dependencies: [branch_b, branch_c] }
                        """)) {

            TaskView task = engine.awaitEnd(engine.submit("math", "diamond", "{\"even_number\": 6}"));

            assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
            assertThat(task.step("diamond_start").orElseThrow().result().asDouble()).isEqualTo(36.0);
            assertThat(task.step("branch_b").orElseThrow().result().asDouble()).isEqualTo(61.0);
            assertThat(task.step("branch_c").orElseThrow().result().asDouble()).isEqualTo(72.0);
            assertThat(task.step("diamond_end").orElseThrow().result().asDouble()).isEqualTo(66.5);
        }
    }
}
