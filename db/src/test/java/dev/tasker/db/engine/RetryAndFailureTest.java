package dev.tasker.db.engine;

import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAndFailureTest {

    private static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static TestEngine engine;

    private static int call(UUID step) {
        return CALLS.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
    }

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Flaky", ctx -> {
                    if (call(ctx.stepUuid()) <= 2) {
                        throw new IllegalStateException("flaky dependency, try " + (ctx.retryCount() + 1));
                    }
                    return StepResult.success(java.util.Map.of("recovered_after", ctx.retryCount()));
                })
                .handler("Broken", ctx -> {
                    call(ctx.stepUuid());
                    throw new RetryableError("upstream 503");
                })
                .handler("Refused", ctx -> {
                    call(ctx.stepUuid());
                    throw new PermanentError("card declined", "card_declined");
                })
                .handler("Ok", ctx -> StepResult.success("fine"))
                .handler("Nul", ctx -> {
                    call(ctx.stepUuid());
                    return StepResult.success(java.util.Map.of("rows", java.util.List.of("ok", "bad\0row")));
                })
                .handler("NulError", ctx -> {
                    throw new PermanentError("bad\0byte in the reply", "bad_reply");
                })
                .template(template("nul", "Nul", 5))
                .template(template("nul_error", "NulError", 5))
                .template(template("flaky", "Flaky", 5))
                .template(template("broken", "Broken", 3))
                .template(template("refused", "Refused", 5))
                .template("""
                        name: three_roots
                        namespace_name: retries
                        version: 1.0.0
                        steps:
                          - { name: good, handler: { callable: Ok } }
                          - name: refused
                            handler: { callable: Refused }
                            retry: { max_attempts: 5, backoff: none }
                          - name: broken
                            handler: { callable: Broken }
                            retry: { max_attempts: 2, backoff: linear, backoff_base_ms: 20 }
                          - { name: after_all, handler: { callable: Ok }, dependencies: [good, refused, broken] }
                        """);
    }

    private static String template(String name, String callable, int maxAttempts) {
        return """
                name: %s
                namespace_name: retries
                version: 1.0.0
                steps:
                  - name: only
                    handler: { callable: %s }
                    retry: { retryable: true, max_attempts: %d, backoff: exponential, backoff_base_ms: 20, max_backoff_ms: 100 }
                """.formatted(name, callable, maxAttempts);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void failsTwiceThenSucceedsAfterThreeAttemptsThroughWaitingForRetry() {
        UUID id = engine.submit("retries", "flaky", "{}");
        TaskView task = engine.awaitEnd(id);

        StepView step = task.step("only").orElseThrow();
        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(step.attempts()).isEqualTo(3);
        assertThat(step.result().get("recovered_after").asInt()).isEqualTo(2);
        assertThat(engine.queries().stepTransitions(step.stepUuid())).extracting(Transition::toState).containsExactly(
                "pending", "in_progress", "waiting_for_retry", "in_progress", "waiting_for_retry", "in_progress", "complete");
        assertThat(engine.queries().taskTransitions(id)).extracting(Transition::toState)
                .contains("waiting_for_retry").last().isEqualTo("complete");
    }

    @Test
    void aResultPostgresCannotStoreFailsTheStepAtOnceNamingWhere() {
        TaskView task = engine.awaitEnd(engine.submit("retries", "nul", "{}"));

        StepView step = task.step("only").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.error().get("error_type").asText()).isEqualTo("UnstorableResult");
        assertThat(step.error().get("message").asText())
                .isEqualTo("result.rows[1] contains a NUL character (\\u0000), which PostgreSQL cannot store");
    }

    @Test
    void anErrorMessageWithANulIsRecordedWithTheNulSpelledOut() {
        TaskView task = engine.awaitEnd(engine.submit("retries", "nul_error", "{}"));

        StepView step = task.step("only").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.error().get("message").asText()).isEqualTo("bad\\u0000byte in the reply");
    }

    @Test
    void alwaysFailingEndsInErrorAfterMaxAttemptsAndBlocksTheTask() {
        TaskView task = engine.awaitEnd(engine.submit("retries", "broken", "{}"));

        StepView step = task.step("only").orElseThrow();
        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.attempts()).isEqualTo(3);
        assertThat(CALLS.get(step.stepUuid()).get()).isEqualTo(3);
        assertThat(step.error().get("error_type").asText()).isEqualTo("RetryableError");
        assertThat(step.error().get("message").asText()).isEqualTo("upstream 503");
        assertThat(step.error().get("backtrace").get(0).asText()).contains("RetryAndFailureTest");
        assertThat(task.counts().executionStatus()).isEqualTo("blocked_by_failures");
    }

    @Test
    void aPermanentErrorFailsAtOnceWithoutBackoff() {
        TaskView task = engine.awaitEnd(engine.submit("retries", "refused", "{}"));

        StepView step = task.step("only").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.error().get("message").asText()).isEqualTo("card declined");
        assertThat(step.error().get("error_code").asText()).isEqualTo("card_declined");
        assertThat(step.error().get("retryable").asBoolean()).isFalse();
        var transitions = engine.queries().stepTransitions(step.stepUuid());
        assertThat(transitions).extracting(Transition::toState).containsExactly("pending", "in_progress", "error");
        assertThat(Duration.between(transitions.get(1).at(), transitions.get(2).at())).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void ofThreeIndependentRootsTheGoodOneCompletesAndTheTaskEndsBlocked() {
        TaskView task = engine.awaitEnd(engine.submit("retries", "three_roots", "{}"));
        org.awaitility.Awaitility.await().until(() -> engine.task(task.taskUuid()).steps().stream()
                .noneMatch(s -> s.state() == StepState.WAITING_FOR_RETRY || s.state() == StepState.IN_PROGRESS));
        TaskView end = engine.task(task.taskUuid());

        assertThat(end.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(end.step("good").orElseThrow().state()).isEqualTo(StepState.COMPLETE);
        assertThat(end.step("refused").orElseThrow().state()).isEqualTo(StepState.ERROR);
        assertThat(end.step("refused").orElseThrow().attempts()).isEqualTo(1);
        assertThat(end.step("broken").orElseThrow().state()).isEqualTo(StepState.ERROR);
        assertThat(end.step("broken").orElseThrow().attempts()).isEqualTo(2);
        assertThat(end.step("after_all").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(end.counts().completionPercentage()).isEqualTo(25.0);
    }

    @Test
    void aFailureResultThatIsNotRetryableIsPermanentAndRetryAfterWinsOverTheBackoff() {
        try (TestEngine own = new TestEngine()
                .handler("NoRetry", ctx -> StepResult.failure("invalid address", "ValidationError", false))
                .handler("Later", ctx -> ctx.retryCount() == 0
                        ? new StepResult.Failure("rate limited", "RateLimited", true, Duration.ofMillis(600), null, null)
                        : StepResult.success("ok"))
                .template("""
                        name: results
                        namespace_name: retries
                        version: 1.0.0
                        steps:
                          - { name: no_retry, handler: { callable: NoRetry }, retry: { max_attempts: 4 } }
                          - { name: later, handler: { callable: Later }, retry: { max_attempts: 4, backoff: none } }
                        """)) {
            TaskView task = own.awaitEnd(own.submit("retries", "results", "{}"));
            org.awaitility.Awaitility.await().until(() -> own.task(task.taskUuid()).step("later").orElseThrow().state()
                    == StepState.COMPLETE);
            TaskView end = own.task(task.taskUuid());

            assertThat(end.step("no_retry").orElseThrow().attempts()).isEqualTo(1);
            assertThat(end.step("no_retry").orElseThrow().error().get("error_type").asText()).isEqualTo("ValidationError");
            var later = own.queries().stepTransitions(end.step("later").orElseThrow().stepUuid());
            Transition waiting = later.stream().filter(t -> t.toState().equals("waiting_for_retry")).findFirst().orElseThrow();
            Transition retried = later.get(later.indexOf(waiting) + 1);
            // the wait runs from the handler's answer; the transition is stamped when its batch is written, a little later
            assertThat(Duration.between(waiting.at(), retried.at())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }
}
