package dev.tasker.db.engine;

import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.spi.HandlerGroup;
import dev.tasker.core.spi.HandlerResolver;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker takes only steps it can start at once: no more of a group than it has room for, none it has no handler for. */
class ClaimByHandlerTest {

    /** Like a guest language with one context: its handler waits for the one runner, as a call waits for a context. */
    private static HandlerResolver oneRunner(AtomicInteger mostAtOnce) {
        Semaphore runner = new Semaphore(1);
        AtomicInteger inHandler = new AtomicInteger();
        StepHandler solo = ctx -> {
            int now = inHandler.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                if (!runner.tryAcquire(ctx.timeoutSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no runner became free");
                }
                try {
                    Thread.sleep(400);
                    return StepResult.success(Map.of("n", ctx.getInput("n").asInt() * 10));
                } finally {
                    runner.release();
                }
            } finally {
                inHandler.decrementAndGet();
            }
        };
        return new HandlerResolver() {
            @Override
            public Optional<StepHandler> resolve(String callable) {
                return callable.equals("Solo") ? Optional.of(solo) : Optional.empty();
            }

            @Override
            public List<HandlerGroup> groups() {
                return List.of(new HandlerGroup("solo", Set.of("Solo"), () -> 1));
            }
        };
    }

    @Test
    void stepsOfAGroupWithOnePlaceAreClaimedOneAtATimeAndNoneSpendsItsTimeoutWaiting() {
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (TestEngine engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(),
                oneRunner(mostAtOnce))) {
            engine.template("""
                    name: solo
                    namespace_name: groups
                    version: 1.0.0
                    steps:
                      - name: run
                        handler: { callable: Solo }
                        timeout_seconds: 1
                        retry: { max_attempts: 1 }
                    """);
            List<UUID> tasks = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                tasks.add(engine.submit("groups", "solo", "{\"n\": " + i + "}"));
            }

            for (int i = 0; i < tasks.size(); i++) {
                TaskView task = engine.awaitEnd(tasks.get(i));
                assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
                StepView step = task.step("run").orElseThrow();
                assertThat(step.attempts()).isEqualTo(1);
                assertThat(step.result().get("n").asInt()).isEqualTo((i + 1) * 10);
            }
            assertThat(mostAtOnce.get()).isEqualTo(1);
        }
    }

    @Test
    void aStepWhoseHandlerThisJvmLacksIsHandedBackUntouchedForOneThatHasIt() {
        var schema = TestDatabases.settings(TestDatabases.newSchemaName());
        try (TestEngine without = new TestEngine(schema, s -> s)) {
            without.handler("Other", ctx -> StepResult.success("other"));
            new MultiWorkerSupport(without.database()).template("""
                    name: elsewhere
                    namespace_name: groups
                    version: 1.0.0
                    steps:
                      - { name: far, handler: { callable: Elsewhere }, retry: { max_attempts: 1 } }
                    """);
            UUID task = without.submit("groups", "elsewhere", "{}");

            await().atMost(Duration.ofSeconds(10)).until(() -> without.queries().stepTransitions(stepOf(without, task))
                    .stream().anyMatch(t -> "pending".equals(t.toState()) && t.reason() != null
                            && t.reason().contains("has no handler for 'Elsewhere'")));
            StepView waiting = without.task(task).step("far").orElseThrow();
            assertThat(waiting.state()).isEqualTo(StepState.PENDING);
            assertThat(waiting.attempts()).isZero();

            try (TestEngine with = new TestEngine(schema, s -> s, Map.of("Elsewhere", ctx -> StepResult.success("ran here")))) {
                TaskView done = with.awaitEnd(task);
                assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
                StepView far = done.step("far").orElseThrow();
                assertThat(far.attempts()).isEqualTo(1);
                assertThat(far.result().asText()).isEqualTo("ran here");
                List<Transition> history = with.queries().stepTransitions(far.stepUuid());
                assertThat(history.getLast().worker()).isEqualTo(with.worker().settings().workerId());
            }
        }
    }

    private static UUID stepOf(TestEngine engine, UUID task) {
        return engine.task(task).step("far").orElseThrow().stepUuid();
    }
}
