package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler that ignores its interruption keeps its step: the next attempt starts only once it has returned. */
class StubbornHandlerTest {

    private record Run(int attempt, long startedNanos, long endedNanos) {
    }

    @Test
    void theRetryOfATimedOutStepWaitsUntilTheHandlerHasReturned() {
        List<Run> runs = new CopyOnWriteArrayList<>();
        try (TestEngine engine = new TestEngine()) {
            engine.handler("Stubborn", ctx -> {
                long started = System.nanoTime();
                int attempt = ctx.retryCount() + 1;
                if (attempt == 1) {
                    long until = started + Duration.ofMillis(2500).toNanos();
                    while (System.nanoTime() < until) {
                        Thread.interrupted();
                        Thread.onSpinWait();
                    }
                }
                runs.add(new Run(attempt, started, System.nanoTime()));
                return StepResult.success(Map.of("attempt", attempt));
            }).template("""
                    name: stubborn
                    namespace_name: stops
                    version: 1.0.0
                    steps:
                      - name: work
                        handler: { callable: Stubborn }
                        timeout_seconds: 1
                        retry: { max_attempts: 2, backoff: none }
                    """);

            TaskView task = engine.awaitEnd(engine.submit("stops", "stubborn", "{}"));

            assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
            StepView work = task.step("work").orElseThrow();
            assertThat(work.attempts()).isEqualTo(2);
            assertThat(work.result().get("attempt").asInt()).isEqualTo(2);
            assertThat(runs).extracting(Run::attempt).containsExactly(1, 2);
            assertThat(runs.get(1).startedNanos()).isGreaterThan(runs.get(0).endedNanos());
        }
    }
}
