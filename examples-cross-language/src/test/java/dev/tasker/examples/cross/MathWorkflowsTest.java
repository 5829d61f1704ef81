package dev.tasker.examples.cross;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The number workflows, each in Ruby, Python and TypeScript: the same numbers from every language. */
@ExamplesInEveryLanguage
class MathWorkflowsTest {

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void diamondTurnsSixIntoSixtySixAndAHalfAndFourIntoThirtySixAndAHalf(String namespace, TaskerTestClient tasker) {
        Task six = tasker.run(namespace, "diamond_workflow", Map.of("even_number", 6));
        Task four = tasker.run(namespace, "diamond_workflow", Map.of("even_number", 4));

        assertThat(result(six, "add_twenty_five")).isEqualTo(61.0);
        assertThat(result(six, "double")).isEqualTo(72.0);
        assertThat(result(six, "average")).isEqualTo(66.5);
        assertThat(result(four, "average")).isEqualTo(36.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void theMixedDagJoinsItsBranchesAndSideChainInto153(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "mixed_dag_workflow", Map.of("even_number", 6));

        assertThat(result(task, "merge")).isEqualTo(118.0);
        assertThat(result(task, "side")).isEqualTo(35.0);
        assertThat(result(task, "finish")).isEqualTo(153.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void theTreeSumsItsFourLeavesInto375(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "tree_workflow", Map.of("even_number", 6));

        assertThat(result(task, "leaf_left_b")).isEqualTo(111.0);
        assertThat(result(task, "leaf_right_a")).isEqualTo(76.0);
        assertThat(result(task, "sum_leaves")).isEqualTo(375.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void theUnreliableServiceSucceedsOnItsThirdAttempt(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "unreliable_service", Map.of());

        assertThat(task.status()).isEqualTo("complete");
        Step call = task.step("call_service").orElseThrow();
        assertThat(call.attempts()).isEqualTo(3);
        assertThat(call.result().get("succeeded_on_attempt").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void anOddNumberFailsTheFirstStepForGoodWithItsValue(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "linear_workflow", Map.of("even_number", 7));

        assertThat(task.status()).isEqualTo("blocked_by_failures");
        Step square = task.step("square").orElseThrow();
        assertThat(square.currentState()).isEqualTo("error");
        assertThat(square.attempts()).isEqualTo(1);
        assertThat(square.error().get("error_type").asText()).isEqualTo("PermanentError");
        assertThat(square.error().get("message").asText()).isEqualTo("even_number must be an even integer, got 7");
        assertThat(task.step("add_ten").orElseThrow().currentState()).isEqualTo("pending");
    }

    private static double result(Task task, String step) {
        assertThat(task.status()).as("task %s: %s", task.name(), task.steps()).isEqualTo("complete");
        return task.step(step).orElseThrow().result().asDouble();
    }
}
