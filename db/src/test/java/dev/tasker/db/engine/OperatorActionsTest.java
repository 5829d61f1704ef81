package dev.tasker.db.engine;

import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskOperationException;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Cancel, reset_for_retry, resolve_manually and complete_manually. */
class OperatorActionsTest {

    private static final CountDownLatch SLEEPING = new CountDownLatch(1);
    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();
    private static final AtomicInteger FIXED = new AtomicInteger();
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Sleeper", ctx -> {
                    SLEEPING.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        INTERRUPTED.set(true);
                        throw e;
                    }
                    return StepResult.success("woke");
                })
                .handler("FailsUntilFixed", ctx -> {
                    if (FIXED.get() == 0) {
                        throw new PermanentError("price service down");
                    }
                    return StepResult.success(ctx.getInput("price").asInt() * 2);
                })
                .handler("Total", ctx -> StepResult.success(ctx.getDependencyResult("price").asInt() + 1))
                .handler("Noop", ctx -> StepResult.success(null))
                .handler("Holds", ctx -> {
                    HELD.countDown();
                    RELEASE.await();
                    return StepResult.success("released");
                })
                .template("""
                        name: slow
                        namespace_name: ops
                        version: 1.0.0
                        steps:
                          - { name: nap, handler: { callable: Sleeper }, timeout_seconds: 60 }
                          - { name: after, handler: { callable: Noop }, dependencies: [nap] }
                        """)
                .template("""
                        name: held
                        namespace_name: ops
                        version: 1.0.0
                        steps:
                          - { name: hold, handler: { callable: Holds }, timeout_seconds: 60 }
                        """)
                .template("""
                        name: priced
                        namespace_name: ops
                        version: 1.0.0
                        steps:
                          - { name: price, handler: { callable: FailsUntilFixed } }
                          - { name: total, handler: { callable: Total }, dependencies: [price] }
                        """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void cancellingInterruptsTheRunningHandlerAndCancelsEveryOpenStep() throws Exception {
        UUID id = engine.submit("ops", "slow", "{}");
        assertThat(SLEEPING.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        engine.store().cancel(id, "customer withdrew");

        await().atMost(Duration.ofSeconds(5)).untilTrue(INTERRUPTED);
        TaskView task = engine.task(id);
        assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(task.step("nap").orElseThrow().state()).isEqualTo(StepState.CANCELLED);
        assertThat(task.step("after").orElseThrow().state()).isEqualTo(StepState.CANCELLED);
        await().until(() -> engine.worker().runningCount() == 0);
        assertThat(engine.task(id).step("nap").orElseThrow().state()).isEqualTo(StepState.CANCELLED);

        assertThatThrownBy(() -> engine.store().cancel(id, "again"))
                .isInstanceOf(TaskOperationException.class)
                .hasMessage("task " + id + " is already cancelled; only a task that has not finished can be cancelled");
    }

    @Test
    void resetForRetryRunsAFailedStepAgainFromScratch() {
        FIXED.set(0);
        UUID id = engine.submit("ops", "priced", "{\"price\": 10, \"case\": \"reset\"}");
        TaskView blocked = engine.awaitEnd(id);
        assertThat(blocked.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);

        FIXED.set(1);
        engine.store().resetForRetry(id, blocked.step("price").orElseThrow().stepUuid(), "service is back");
        TaskView done = engine.awaitEnd(id);

        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("price").orElseThrow().attempts()).isEqualTo(1);
        assertThat(done.step("total").orElseThrow().result().asInt()).isEqualTo(21);
    }

    @Test
    void completeManuallyGivesDependentsTheGivenResult() {
        FIXED.set(0);
        UUID id = engine.submit("ops", "priced", "{\"price\": 10, \"case\": \"complete\"}");
        TaskView blocked = engine.awaitEnd(id);

        engine.store().completeManually(id, blocked.step("price").orElseThrow().stepUuid(), TestEngine.json("41"), "quoted by phone");
        TaskView done = engine.awaitEnd(id);

        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("price").orElseThrow().state()).isEqualTo(StepState.COMPLETE);
        assertThat(done.step("total").orElseThrow().result().asInt()).isEqualTo(42);
    }

    @Test
    void resolveManuallyLetsDependentsRunWithoutAResult() {
        FIXED.set(0);
        UUID id = engine.submit("ops", "priced", "{\"price\": 10, \"case\": \"resolve\"}");
        TaskView blocked = engine.awaitEnd(id);
        engine.handler("Total", ctx -> StepResult.success(ctx.getDependencyResult("price") == null ? "no price" : "priced"));
        TaskView done;
        try {
            engine.store().resolveManually(id, blocked.step("price").orElseThrow().stepUuid(), "not needed");
            done = engine.awaitEnd(id);
        } finally {
            engine.handler("Total", ctx -> StepResult.success(ctx.getDependencyResult("price").asInt() + 1));
        }

        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("price").orElseThrow().state()).isEqualTo(StepState.RESOLVED_MANUALLY);
        assertThat(done.step("total").orElseThrow().result().asText()).isEqualTo("no price");
    }

    @Test
    void resetForRetryOfAStepThatIsNotInErrorIsAClientError() {
        FIXED.set(1);
        UUID id = engine.submit("ops", "priced", "{\"price\": 1, \"case\": \"done\"}");
        TaskView done = engine.awaitEnd(id);
        UUID step = done.step("price").orElseThrow().stepUuid();

        assertThatThrownBy(() -> engine.store().resetForRetry(id, step, "why"))
                .isInstanceOf(TaskOperationException.class)
                .hasMessage("task " + id + " is complete; its steps can no longer change");
    }

    @Test
    void noOperatorActionAppliesToAStepWhileItRuns() throws Exception {
        UUID id = engine.submit("ops", "held", "{}");
        assertThat(HELD.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        UUID step = engine.task(id).step("hold").orElseThrow().stepUuid();

        assertThatThrownBy(() -> engine.store().resetForRetry(id, step, "retry it now"))
                .isInstanceOf(TaskOperationException.class)
                .hasMessage("step " + step + " is in_progress; reset_for_retry applies to a step in error");
        assertThatThrownBy(() -> engine.store().resolveManually(id, step, "skip it"))
                .isInstanceOf(TaskOperationException.class)
                .hasMessage("step " + step + " is in_progress; resolve_manually applies to a step that is pending, "
                        + "waiting_for_retry or in error");

        RELEASE.countDown();
        TaskView done = engine.awaitEnd(id);
        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("hold").orElseThrow().attempts()).isEqualTo(1);
        assertThat(done.step("hold").orElseThrow().result().asText()).isEqualTo("released");
    }
}
