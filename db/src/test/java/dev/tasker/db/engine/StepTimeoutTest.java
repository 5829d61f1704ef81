package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class StepTimeoutTest {

    @Test
    void aHandlerPastItsTimeoutIsInterruptedAndTheRetrySucceeds() {
        AtomicBoolean interrupted = new AtomicBoolean();
        try (TestEngine engine = new TestEngine()
                .handler("SlowOnce", ctx -> {
                    if (ctx.retryCount() == 0) {
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                            throw e;
                        }
                    }
                    return StepResult.success("second try");
                })
                .template("""
                        name: slow_once
                        namespace_name: ops
                        version: 1.0.0
                        steps:
                          - name: fetch
                            handler: { callable: SlowOnce }
                            timeout_seconds: 1
                            retry: { max_attempts: 3, backoff: none }
                        """)) {

            TaskView task = engine.awaitEnd(engine.submit("ops", "slow_once", "{}"));

            assertThat(interrupted).isTrue();
            assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
            var step = task.step("fetch").orElseThrow();
            assertThat(step.state()).isEqualTo(StepState.COMPLETE);
            assertThat(step.attempts()).isEqualTo(2);
            assertThat(step.result().asText()).isEqualTo("second try");
            var transitions = engine.queries().stepTransitions(step.stepUuid());
            assertThat(transitions).extracting(Transition::toState)
                    .containsExactly("pending", "in_progress", "waiting_for_retry", "in_progress", "complete");
            assertThat(transitions.get(2).reason()).startsWith("attempt 1 of 3 failed");
        }
    }
}
