package dev.tasker.db.engine;

import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.Database;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.WorkerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker JVM killed with SIGKILL mid-step: once its leases expire a second worker JVM completes every task. */
class CrashRecoveryTest {

    @Test
    void aSecondWorkerJvmFinishesWhatAKilledOneLeftBehind() throws Exception {
        Path logs = Files.createTempDirectory("crash");
        try (Database db = TestDatabases.freshSchema()) {
            MultiWorkerSupport support = new MultiWorkerSupport(db);
            new dev.tasker.db.testing.ExecutionLog(db.dataSource());
            support.template("""
                    name: two_steps
                    namespace_name: crash
                    version: 1.0.0
                    steps:
                      - { name: first, handler: { callable: Record }, timeout_seconds: 4, retry: { max_attempts: 3, backoff: none } }
                      - { name: second, handler: { callable: Record }, dependencies: [first], timeout_seconds: 4 }
                    """);
            Process doomed = WorkerProcess.spawn(TestDatabases.serverUrl(), db.schema(), "doomed", 3000, logs.resolve("doomed.log"));
            List<UUID> tasks = support.submit("crash", "two_steps", 10);
            // killed while at least five handlers run (each has logged its start): a JVM killed between a claim and
            // its handler's start would count an attempt that never ran, which this test is not about
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    support.count("SELECT count(*) FROM workflow_steps WHERE lease_owner = 'doomed'") >= 5
                    && support.count("""
                            SELECT count(*) FROM workflow_steps s WHERE s.lease_owner = 'doomed' AND NOT EXISTS (
                                SELECT 1 FROM test_executions e WHERE e.step_uuid = s.step_uuid AND e.attempt = s.attempts)""") == 0);
            long heldWhenKilled = support.count("SELECT count(*) FROM workflow_steps WHERE lease_owner = 'doomed'");

            doomed.destroyForcibly().waitFor();

            Process rescuer = WorkerProcess.spawn(TestDatabases.serverUrl(), db.schema(), "rescuer", 50, logs.resolve("rescuer.log"));
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> tasks.stream()
                        .allMatch(id -> support.queries.task(id).orElseThrow().state() == TaskState.COMPLETE));
            } finally {
                rescuer.destroyForcibly().waitFor();
            }

            for (UUID id : tasks) {
                assertThat(support.queries.task(id).orElseThrow().step("second").orElseThrow().result().asLong()).isEqualTo(2);
            }
            long expired = support.count("""
                    SELECT count(DISTINCT step_uuid) FROM workflow_step_transitions
                    WHERE reason LIKE 'lease of worker doomed expired%'""");
            assertThat(expired).isEqualTo(heldWhenKilled);
            assertThat(support.count("SELECT count(*) FROM workflow_steps WHERE attempts = 2")).isEqualTo(heldWhenKilled);
            assertThat(support.stepsRunOtherThanOncePerAttempt()).isZero();
            var retried = support.queries.stepTransitions(support.queries.task(tasks.getFirst()).orElseThrow()
                    .step("first").orElseThrow().stepUuid());
            assertThat(retried).extracting(Transition::toState).last().isEqualTo("complete");
        } finally {
            TestDatabases.deleteRecursively(logs);
        }
    }
}
