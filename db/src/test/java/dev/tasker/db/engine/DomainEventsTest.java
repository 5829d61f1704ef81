package dev.tasker.db.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.events.DomainEvent;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** publishes_events: conditions, fast delivery to in-process subscribers, durable delivery through the outbox. */
class DomainEventsTest {

    private static final List<DomainEvent> RECEIVED = new CopyOnWriteArrayList<>();
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Orders::Charge", ctx -> {
                    if (ctx.getInput("decline").asBoolean()) {
                        throw new PermanentError("card declined");
                    }
                    return StepResult.success(Map.of("charged_cents", ctx.getInput("cents").asInt()));
                })
                .template("""
                        name: charge
                        namespace_name: orders
                        version: 1.0.0
                        steps:
                          - name: charge
                            handler: { callable: Orders::Charge }
                            publishes_events:
                              - { name: payment.charged, condition: success, delivery_mode: fast }
                              - { name: payment.recorded, condition: success, delivery_mode: durable }
                              - { name: payment.failed, condition: permanent_failure, delivery_mode: broadcast }
                              - { name: payment.attempted, condition: always, delivery_mode: fast }
                        """);
        engine.bus().subscribe(RECEIVED::add);
        engine.bus().subscribe(event -> {
            throw new IllegalStateException("a subscriber that always throws");
        });
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static List<DomainEvent> receivedFor(UUID task) {
        return RECEIVED.stream().filter(e -> e.taskUuid().equals(task)).toList();
    }

    private static List<JsonNode> drained() {
        List<JsonNode> out = new ArrayList<>();
        engine.outbox().drain(100, (id, name, event) -> out.add(event));
        return out;
    }

    @Test
    void aSuccessDeliversEachFastEventOnceWithTaskStepAndPayloadAndTheThrowingSubscriberChangesNothing() {
        UUID task = engine.submit("orders", "charge", "{\"cents\": 1250, \"decline\": false}");
        assertThat(engine.awaitEnd(task).state()).isEqualTo(TaskState.COMPLETE);

        await().atMost(Duration.ofSeconds(5)).until(() -> receivedFor(task).size() == 2);
        assertThat(receivedFor(task)).extracting(DomainEvent::name).containsExactlyInAnyOrder("payment.charged", "payment.attempted");
        DomainEvent charged = receivedFor(task).stream().filter(e -> e.name().equals("payment.charged")).findFirst().orElseThrow();
        assertThat(charged.stepName()).isEqualTo("charge");
        assertThat(charged.stepUuid()).isEqualTo(engine.task(task).step("charge").orElseThrow().stepUuid());
        assertThat(charged.outcome()).isEqualTo("success");
        assertThat(charged.payload().get("charged_cents").asInt()).isEqualTo(1250);

        List<JsonNode> durable = drained().stream().filter(e -> e.get("task_uuid").asText().equals(task.toString())).toList();
        assertThat(durable).singleElement().satisfies(e -> {
            assertThat(e.get("event_name").asText()).isEqualTo("payment.recorded");
            assertThat(e.get("payload").get("charged_cents").asInt()).isEqualTo(1250);
        });
        assertThat(drained()).isEmpty();
    }

    @Test
    void aPermanentFailureFiresTheBroadcastEventBothWays() {
        UUID task = engine.submit("orders", "charge", "{\"cents\": 1, \"decline\": true}");
        assertThat(engine.awaitEnd(task).state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);

        await().atMost(Duration.ofSeconds(5)).until(() -> receivedFor(task).size() == 2);
        assertThat(receivedFor(task)).extracting(DomainEvent::name).containsExactlyInAnyOrder("payment.failed", "payment.attempted");
        DomainEvent failed = receivedFor(task).stream().filter(e -> e.name().equals("payment.failed")).findFirst().orElseThrow();
        assertThat(failed.outcome()).isEqualTo("permanent_failure");
        assertThat(failed.payload().get("message").asText()).isEqualTo("card declined");
        assertThat(drained()).filteredOn(e -> e.get("task_uuid").asText().equals(task.toString()))
                .extracting(e -> e.get("event_name").asText()).containsExactly("payment.failed");
    }
}
