package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker limited to some namespaces claims only their steps; another worker serves the rest. */
class NamespacePoolTest {

    private static String template(String namespace) {
        return "name: job\nnamespace_name: " + namespace + "\nversion: 1.0.0\nsteps: [ { name: work, handler: { callable: Who } } ]\n";
    }

    @Test
    void eachPoolTakesOnlyItsNamespaces() throws Exception {
        var settings = TestDatabases.settings(TestDatabases.newSchemaName());
        try (TestEngine billing = new TestEngine(settings, s -> s.withNamespaces(Set.of("billing")))) {
            billing.handler("Who", ctx -> StepResult.success("billing-worker")).template(template("billing")).template(template("shipping"));

            UUID bill = billing.submit("billing", "job", "{}");
            UUID ship = billing.submit("shipping", "job", "{}");

            assertThat(billing.awaitEnd(bill).step("work").orElseThrow().result().asText()).isEqualTo("billing-worker");
            Thread.sleep(1500);
            assertThat(billing.task(ship).step("work").orElseThrow().state()).isEqualTo(StepState.PENDING);

            try (TestEngine shipping = new TestEngine(settings, s -> s.withNamespaces(Set.of("shipping")),
                    java.util.Map.of("Who", ctx -> StepResult.success("shipping-worker")))) {
                TaskView shipped = shipping.awaitEnd(ship, Duration.ofSeconds(10));

                assertThat(shipped.state()).isEqualTo(TaskState.COMPLETE);
                assertThat(shipped.step("work").orElseThrow().result().asText()).isEqualTo("shipping-worker");
            }
        }
    }

    @Test
    void notificationsOfNewWorkNameItsNamespaceSoOtherPoolsStayAsleep() throws Exception {
        var settings = TestDatabases.settings(TestDatabases.newSchemaName());
        try (TestEngine billing = new TestEngine(settings, s -> s.withNamespaces(Set.of("billing")))) {
            billing.handler("Who", ctx -> StepResult.success("billing-worker")).template(template("shipping"));
            var told = new java.util.concurrent.LinkedBlockingQueue<String>();
            try (var listener = new dev.tasker.db.store.PgListener(billing.database().url(), billing.store().notifications(),
                    told::add, task -> { })) {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    billing.submit(TaskRequest.of("shipping", "job", TestEngine.json("{\"n\": " + System.nanoTime() + "}")));
                    return "shipping".equals(told.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS));
                });
            }
        }
    }
}
