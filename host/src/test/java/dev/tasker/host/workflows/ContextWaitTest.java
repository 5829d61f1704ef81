package dev.tasker.host.workflows;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import dev.tasker.loader.LoadedHandlers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A step that waits for its language's only context neither fails nor spends its timeout waiting. */
class ContextWaitTest {

    @Test
    void stepsQueuedBehindASlowCallOnOneContextRunWithTheirWholeTimeout() throws Exception {
        Path dir = Files.createTempDirectory("context-wait").toRealPath();
        writeSleepingHandler(dir);
        Files.writeString(dir.resolve("work.yaml"), """
                name: work
                namespace_name: waits
                version: 1.0.0
                steps:
                  - name: work
                    handler: { callable: Work }
                    timeout_seconds: 2
                    retry: { max_attempts: 1 }
                """);
        try (LoadedHandlers loaded = LoadedHandlers.load(List.of(dir), new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test");
             TestEngine engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(),
                     loaded.resolver())) {
            loaded.templates().templates().forEach(engine.store()::registerTemplate);

            UUID slow = engine.submit("waits", "work", "{\"seconds\": 1.5}");
            List<UUID> quick = List.of(engine.submit("waits", "work", "{\"seconds\": 0.6, \"n\": 1}"),
                    engine.submit("waits", "work", "{\"seconds\": 0.6, \"n\": 2}"));

            for (UUID task : List.of(slow, quick.get(0), quick.get(1))) {
                TaskView done = engine.awaitEnd(task);
                assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
                StepView work = done.step("work").orElseThrow();
                assertThat(work.attempts()).isEqualTo(1);
                assertThat(work.error()).isNull();
            }
        } finally {
            TestDatabases.deleteRecursively(dir);
        }
    }

    @Test
    void aStepQueuedLongerThanItsLeaseKeepsItAndRunsOnce() throws Exception {
        Path dir = Files.createTempDirectory("context-wait-lease").toRealPath();
        writeSleepingHandler(dir);
        Files.writeString(dir.resolve("work.yaml"), """
                name: slow
                namespace_name: leases
                version: 1.0.0
                steps:
                  - { name: work, handler: { callable: Work }, timeout_seconds: 30 }
                """);
        // a lease of 1 s + the test engine's 1 s margin: the wait behind the slow call lasts twice as long
        Files.writeString(dir.resolve("quick.yaml"), """
                name: quick
                namespace_name: leases
                version: 1.0.0
                steps:
                  - { name: work, handler: { callable: Work }, timeout_seconds: 1, retry: { max_attempts: 1 } }
                """);
        try (LoadedHandlers loaded = LoadedHandlers.load(List.of(dir), new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test");
             TestEngine engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(),
                     loaded.resolver())) {
            loaded.templates().templates().forEach(engine.store()::registerTemplate);

            // the context is built and its first call made (under the slow template's timeout: a first call on a busy
            // machine may take a second), and the slow call holds it before the quick step is claimed
            assertThat(engine.awaitEnd(engine.submit("leases", "slow", "{\"seconds\": 0}")).state()).isEqualTo(TaskState.COMPLETE);
            UUID slow = engine.submit("leases", "slow", "{\"seconds\": 4}");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.task(slow).step("work").orElseThrow().state() == dev.tasker.core.state.StepState.IN_PROGRESS);
            Thread.sleep(300);
            UUID quick = engine.submit("leases", "quick", "{\"seconds\": 0.1}");
            // while it waits, the database knows it has not started: were this JVM to die, the attempt would not count
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> waitingAttempt(engine, quick) != null);
            assertThat(waitingAttempt(engine, quick)).isEqualTo(1);

            TaskView done = engine.awaitEnd(quick);
            assertThat(waitingAttempt(engine, quick)).as("cleared before its handler started").isNull();
            StepView work = done.step("work").orElseThrow();
            assertThat(done.state()).as("%s", work.error()).isEqualTo(TaskState.COMPLETE);
            assertThat(work.attempts()).isEqualTo(1);
            assertThat(engine.queries().stepTransitions(work.stepUuid())).extracting(t -> t.toState())
                    .containsExactly("pending", "in_progress", "complete");
            assertThat(engine.awaitEnd(slow).state()).isEqualTo(TaskState.COMPLETE);
        } finally {
            TestDatabases.deleteRecursively(dir);
        }
    }

    /** A Python handler that sleeps for its input's seconds. */
    private static void writeSleepingHandler(Path dir) throws java.io.IOException {
        Files.writeString(dir.resolve("work.py"), """
                import time
                from tasker_core import StepHandler

                class Work(StepHandler):
                    def call(self, context):
                        time.sleep(context.get_input("seconds"))
                        return {"slept": context.get_input("seconds")}
                """);
    }

    private static Integer waitingAttempt(TestEngine engine, UUID task) throws java.sql.SQLException {
        try (var c = engine.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT waiting_attempt FROM workflow_steps WHERE task_uuid = ?")) {
            ps.setObject(1, task);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return (Integer) rs.getObject(1);
            }
        }
    }
}
