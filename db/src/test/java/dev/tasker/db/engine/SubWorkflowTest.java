package dev.tasker.db.engine;

import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A step that starts a child task waits for it, and carries its result or its failure; cancelling cascades. */
class SubWorkflowTest {

    private static final java.util.concurrent.atomic.AtomicInteger FAIL_ONCE_COUNT = new java.util.concurrent.atomic.AtomicInteger();
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Parent::Start", ctx -> StepResult.success(Map.of("sub_workflow", Map.of("namespace", "children",
                        "name", ctx.getInput("child").asText(), "context", Map.of("n", ctx.getInput("n").asInt())))))
                .handler("Parent::After", ctx -> StepResult.success(ctx.getDependencyResult("run_child").asInt() + 1))
                .handler("Child::Square", ctx -> StepResult.success(ctx.getInput("n").asInt() * ctx.getInput("n").asInt()))
                .handler("Child::Fail", ctx -> {
                    throw new PermanentError("the child cannot go on");
                })
                .handler("Child::FailOnce", ctx -> {
                    if (ctx.getInput("n").asInt() == FAIL_ONCE_COUNT.getAndIncrement()) {
                        throw new PermanentError("the first attempt cannot go on");
                    }
                    return StepResult.success(5);
                })
                .handler("Child::Slow", ctx -> {
                    Thread.sleep(10_000);
                    return StepResult.success(0);
                })
                .template("""
                        name: parent
                        namespace_name: parents
                        version: 1.0.0
                        steps:
                          - { name: run_child, handler: { callable: Parent::Start } }
                          - { name: after, handler: { callable: Parent::After }, dependencies: [run_child] }
                        """)
                .template("""
                        name: square
                        namespace_name: children
                        version: 1.0.0
                        steps:
                          - { name: square, handler: { callable: Child::Square } }
                        """)
                .template("""
                        name: failing
                        namespace_name: children
                        version: 1.0.0
                        steps:
                          - { name: doomed, handler: { callable: Child::Fail } }
                        """)
                .template("""
                        name: fails_once
                        namespace_name: children
                        version: 1.0.0
                        steps:
                          - { name: flaky, handler: { callable: Child::FailOnce } }
                        """)
                .template("""
                        name: slow
                        namespace_name: children
                        version: 1.0.0
                        steps:
                          - { name: slow, handler: { callable: Child::Slow }, timeout_seconds: 60 }
                        """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void theStepWaitsForItsChildAndCarriesItsResult() {
        TaskView parent = engine.awaitEnd(engine.submit("parents", "parent", "{\"child\": \"square\", \"n\": 7}"));

        assertThat(parent.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(parent.step("run_child").orElseThrow().result().asInt()).isEqualTo(49);
        assertThat(parent.step("after").orElseThrow().result().asInt()).isEqualTo(50);
        assertThat(engine.queries().stepTransitions(parent.step("run_child").orElseThrow().stepUuid()))
                .extracting(t -> t.toState()).containsExactly("pending", "in_progress", "enqueued_for_orchestration", "complete");
    }

    @Test
    void aFailingChildFailsTheStepWithTheChildsError() {
        TaskView parent = engine.awaitEnd(engine.submit("parents", "parent", "{\"child\": \"failing\", \"n\": 1}"));

        assertThat(parent.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        StepView step = parent.step("run_child").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.error().get("error_type").asText()).isEqualTo("SubWorkflowFailed");
        assertThat(step.error().get("message").asText()).startsWith("sub-workflow children/failing (")
                .endsWith(") ended blocked_by_failures: step doomed failed: the child cannot go on");
        assertThat(parent.step("after").orElseThrow().state()).isEqualTo(StepState.PENDING);
    }

    @Test
    void anOperatorWhoCompletesTheBlockedChildsStepCompletesTheParent() {
        UUID parent = engine.awaitEnd(engine.submit("parents", "parent", "{\"child\": \"failing\", \"n\": 2}")).taskUuid();
        UUID child = childOf(parent);

        engine.store().completeManually(child, engine.task(child).step("doomed").orElseThrow().stepUuid(),
                TestEngine.json("41"), "fixed by hand");

        TaskView done = engine.awaitEnd(parent);
        assertThat(engine.task(child).state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("run_child").orElseThrow().result().asInt()).isEqualTo(41);
        assertThat(done.step("after").orElseThrow().result().asInt()).isEqualTo(42);
        assertThat(engine.queries().stepTransitions(done.step("run_child").orElseThrow().stepUuid()))
                .extracting(t -> t.toState()).containsExactly("pending", "in_progress", "enqueued_for_orchestration", "error", "complete");
    }

    @Test
    void aBlockedChildRetriedByAnOperatorCompletesTheParentWhenItSucceeds() {
        FAIL_ONCE_COUNT.set(0);
        UUID parent = engine.awaitEnd(engine.submit("parents", "parent", "{\"child\": \"fails_once\", \"n\": 0}")).taskUuid();
        assertThat(engine.task(parent).state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        UUID child = childOf(parent);

        engine.store().resetForRetry(child, engine.task(child).step("flaky").orElseThrow().stepUuid(), "try again");

        await().atMost(Duration.ofSeconds(20)).until(() -> engine.task(parent).state() == TaskState.COMPLETE);
        assertThat(engine.task(parent).step("after").orElseThrow().result().asInt()).isEqualTo(6);
    }

    private static UUID childOf(UUID parent) {
        return UUID.fromString(engine.task(parent).step("run_child").orElseThrow().error().get("child_task_uuid").asText());
    }

    @Test
    void cancellingTheParentCancelsTheChild() {
        UUID parent = engine.submit("parents", "parent", "{\"child\": \"slow\", \"n\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.task(parent).step("run_child").orElseThrow().state() == StepState.ENQUEUED_FOR_ORCHESTRATION);
        UUID child = UUID.fromString(engine.task(parent).step("run_child").orElseThrow().result()
                .get("sub_workflow").get("task_uuid").asText());

        engine.store().cancel(parent, "no longer needed");

        assertThat(engine.task(parent).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(engine.task(child).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(engine.task(child).step("slow").orElseThrow().state()).isEqualTo(StepState.CANCELLED);
    }
}
