package dev.tasker.compat;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class handlers written against each of Tasker's packages: its context API and object tree, results, errors, handler
 * configuration, {@code handler.method}, dependency results of every ancestor, and {@code max_attempts: 0}.
 */
@TaskerLayout
class ClassHandlersTest {

    private static final Map<String, Object> ORDER = Map.of("order", Map.of("id", "ORD-7",
            "lines", List.of(Map.of("qty", 2, "unit_cents", 1250), Map.of("qty", 1, "unit_cents", 500))));

    @ParameterizedTest
    @CsvSource({"compat_rb, order_flow, ''", "compat_py, order_flow_py, _py", "compat_ts, order_flow_ts, _ts"})
    void anOrderIsReceivedPricedWithItsConfiguredTaxAndShippedByTheMethodTheTemplateNames(String namespace, String name,
                                                                                           String suffix, TaskerTestClient tasker) {
        Task task = Runs.run(tasker, namespace, name, ORDER);

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.steps()).extracting(Step::currentState).containsOnly("complete");
        assertThat(step(task, "receive_order" + suffix).result().get("total_cents").asInt()).isEqualTo(3000);
        assertThat(step(task, "price_order" + suffix).result().get("tax_cents").asInt()).isEqualTo(300);
        var shipped = step(task, "ship_order" + suffix).result();
        assertThat(shipped.get("invoked").asText()).isEqualTo("ship");
        assertThat(shipped.get("grand_total").asInt()).isEqualTo(3300);
        assertThat(shipped.get("order_id").asText()).as("a grandparent's result").isEqualTo("ORD-7");
    }

    @Test
    void rubySeesTasksObjectTreeWithIndifferentKeysAndOnlyItsAncestorsResults(TaskerTestClient tasker) {
        Task task = Runs.run(tasker, "compat_rb", "order_flow", ORDER);

        var received = step(task, "receive_order");
        assertThat(received.result().get("line_count").asInt()).isEqualTo(2);
        assertThat(received.result().get("due_at").asText()).isEqualTo("1970-01-03T00:00:00Z");
        var price = step(task, "price_order").result();
        assertThat(price.get("first_attempt").asBoolean()).isTrue();
        assertThat(price.get("ancestors")).extracting(n -> n.asText()).containsExactly("receive_order");
        assertThat(step(task, "ship_order").result().get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
    }

    @Test
    void pythonAwaitsAnAsyncCallAndReadsResultEnvelopesAndBigIntegers(TaskerTestClient tasker) {
        Task task = Runs.run(tasker, "compat_py", "order_flow_py", ORDER);

        assertThat(step(task, "price_order_py").result().get("retry").asBoolean()).isFalse();
        assertThat(step(task, "ship_order_py").result().get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
    }

    @Test
    void typeScriptGetsUndefinedForAMissingInput(TaskerTestClient tasker) {
        Task task = Runs.run(tasker, "compat_ts", "order_flow_ts", ORDER);

        assertThat(step(task, "receive_order_ts").result().get("missing").asBoolean()).isTrue();
        assertThat(step(task, "price_order_ts").result().get("retries").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"compat_rb, order_flow, receive_order, PermanentError",
                "compat_py, order_flow_py, receive_order_py, PermanentError",
                "compat_ts, order_flow_ts, receive_order_ts, permanent_error"})
    void anEmptyOrderFailsAtOnceWithoutARetry(String namespace, String name, String first, String errorType,
                                              TaskerTestClient tasker) {
        Task task = Runs.run(tasker, namespace, name, Map.of("order", Map.of("id", "ORD-0", "lines", List.of())));

        assertThat(task.status()).isIn("error", "blocked_by_failures");
        Step failed = step(task, first);
        assertThat(failed.currentState()).isEqualTo("error");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.maxAttempts()).isZero();
        assertThat(failed.error().get("message").asText()).isEqualTo("order has no lines");
        assertThat(failed.error().get("error_type").asText()).isEqualTo(errorType);
    }

    @ParameterizedTest
    @CsvSource({"compat_py, python", "compat_ts, typescript"})
    void aNameRegisteredInTwoLanguagesRunsTheHandlerBesideTheTemplate(String namespace, String language,
                                                                     TaskerTestClient tasker) {
        Task task = Runs.run(tasker, namespace, "who_am_i", Map.of());

        assertThat(step(task, "who").result().get("language").asText()).isEqualTo(language);
    }

    static Step step(Task task, String name) {
        return task.step(name).orElseThrow(() -> new AssertionError("no step " + name + " in " + task.steps()));
    }
}
