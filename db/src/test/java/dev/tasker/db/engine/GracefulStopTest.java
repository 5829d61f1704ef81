package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stopping worker gives back the leases of steps it could not finish, so another worker takes them at once. */
class GracefulStopTest {

    @Test
    void unfinishedStepsAreReleasedAndRunElsewhereWithoutWaitingForTheLease() throws Exception {
        var settings = TestDatabases.settings(TestDatabases.newSchemaName());
        CountDownLatch started = new CountDownLatch(1);
        String template = """
                name: long
                namespace_name: ops
                version: 1.0.0
                steps: [ { name: work, handler: { callable: Work }, timeout_seconds: 300 } ]
                """;
        TestEngine leaving = new TestEngine(settings, s -> s);
        UUID id;
        try {
            leaving.handler("Work", ctx -> {
                started.countDown();
                Thread.sleep(60_000);
                return StepResult.success("first");
            }).template(template);
            id = leaving.submit("ops", "long", "{}");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            leaving.worker().stop(Duration.ofMillis(200));

            TaskView released = leaving.task(id);
            assertThat(released.step("work").orElseThrow().state()).isEqualTo(StepState.PENDING);
            assertThat(released.step("work").orElseThrow().attempts()).isZero();
        } finally {
            leaving.close();
        }

        try (TestEngine staying = new TestEngine(settings, s -> s,
                java.util.Map.of("Work", ctx -> StepResult.success("second worker, attempt " + (ctx.retryCount() + 1))))) {
            TaskView done = staying.awaitEnd(id, Duration.ofSeconds(10));

            assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
            assertThat(done.step("work").orElseThrow().result().asText()).isEqualTo("second worker, attempt 1");
            assertThat(staying.queries().stepTransitions(done.step("work").orElseThrow().stepUuid()))
                    .extracting(Transition::reason).contains("worker shutting down; lease released");
        }
    }
}
