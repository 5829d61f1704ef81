package dev.tasker.examples.ts;

import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTest;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole task on an engine started for the test (the other workflows' tests: examples-cross-language). */
@TaskerTest(handlers = "handlers")
class TypeScriptLinearWorkflowTest {

    @Test
    void sixBecomesSixtyNineStepByStep(TaskerTestClient tasker) {
        Task task = tasker.run("examples_ts", "linear_workflow", Map.of("even_number", 6));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.step("square").orElseThrow().result().asInt()).isEqualTo(36);
        assertThat(task.step("add_ten").orElseThrow().result().asInt()).isEqualTo(46);
        assertThat(task.step("times_three").orElseThrow().result().asInt()).isEqualTo(138);
        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(69.0);
    }

    @Test
    void fourBecomesThirtyNine(TaskerTestClient tasker) {
        assertThat(tasker.run("examples_ts", "linear_workflow", Map.of("even_number", 4)).step("halve").orElseThrow().result().asDouble())
                .isEqualTo(39.0);
    }
}
