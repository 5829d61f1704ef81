package dev.tasker.compat;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.tasker.compat.ClassHandlersTest.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functional forms of each package (Ruby's block DSL after a top-level include, Python's decorators, TypeScript's
 * define* functions): injected inputs and dependencies, a decision, a batch analyzer, and a batch worker that yields a
 * checkpoint after every item and is run again from it without spending an attempt.
 */
@TaskerLayout
class FunctionalHandlersTest {

    @ParameterizedTest
    @CsvSource({"compat_rb, counting_dsl, ''", "compat_py, counting_dsl_py, _py", "compat_ts, counting_dsl_ts, _ts"})
    void fiveItemsRouteToTheBigPathAndThreeCheckpointingWorkersAddThemUp(String namespace, String name, String suffix,
                                                                         TaskerTestClient tasker) {
        Task task = Runs.run(tasker, namespace, name, Map.of("items", List.of(1, 2, 3, 4, 5)));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.step("small_batch" + suffix)).as("the branch not taken is never created").isEmpty();
        assertThat(step(task, "big_batch" + suffix).result().get("path").asText()).isEqualTo("big");
        List<Step> workers = task.steps().stream().filter(s -> s.name().startsWith("count_chunk" + suffix + "_")).toList();
        assertThat(workers).hasSize(3);
        assertThat(workers).as("yields are not attempts").allSatisfy(w -> assertThat(w.attempts()).isEqualTo(1));
        var total = step(task, "total" + suffix).result();
        assertThat(total.get("count").asInt()).isEqualTo(5);
        assertThat(total.get("chunks").asInt()).isEqualTo(3);
        assertThat(total.get("sum").asInt()).isEqualTo(15);
    }

    @ParameterizedTest
    @CsvSource({"compat_rb, counting_dsl, ''", "compat_py, counting_dsl_py, _py", "compat_ts, counting_dsl_ts, _ts"})
    void threeItemsTakeTheSmallPath(String namespace, String name, String suffix, TaskerTestClient tasker) {
        Task task = Runs.run(tasker, namespace, name, Map.of("items", List.of(4, 5, 6)));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.step("big_batch" + suffix)).isEmpty();
        assertThat(step(task, "small_batch" + suffix).currentState()).isEqualTo("complete");
        assertThat(step(task, "total" + suffix).result().get("sum").asInt()).isEqualTo(15);
    }
}
