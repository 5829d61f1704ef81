package dev.tasker.db.engine;

import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.Database;
import dev.tasker.db.testing.ExecutionLog;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import dev.tasker.db.testing.WorkerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two worker JVMs on one database share 200 five-step tasks; every step attempt runs exactly once. */
class TwoWorkerJvmsTest {

    @Test
    void everyTaskCompletesAndEachStepRanOncePerAttempt() throws Exception {
        Path logs = Files.createTempDirectory("two-jvms");
        var settings = TestDatabases.settings(TestDatabases.newSchemaName());
        try (TestEngine here = new TestEngine(settings, s -> s)) {
            Database db = here.database();
            here.handler("Record", WorkerProcess.recording(new ExecutionLog(db.dataSource()), "jvm-test", 5));
            MultiWorkerSupport support = new MultiWorkerSupport(db);
            support.template("""
                    name: five_steps
                    namespace_name: shared
                    version: 1.0.0
                    steps:
                      - { name: a, handler: { callable: Record } }
                      - { name: b, handler: { callable: Record }, dependencies: [a] }
                      - { name: c, handler: { callable: Record }, dependencies: [a] }
                      - { name: d, handler: { callable: Record }, dependencies: [b, c] }
                      - { name: e, handler: { callable: Record }, dependencies: [d] }
                    """);
            Process other = WorkerProcess.spawn(TestDatabases.serverUrl(), db.schema(), "jvm-child", 5, logs.resolve("child.log"));
            try {
                List<UUID> tasks = support.submit("shared", "five_steps", 200);

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                        support.count("SELECT count(*) FROM tasks WHERE current_state = 'complete'") == 200);

                for (UUID id : tasks) {
                    TaskView task = support.queries.task(id).orElseThrow();
                    assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
                    assertThat(task.step("e").orElseThrow().result().asLong()).isEqualTo(12);
                }
                assertThat(support.count("SELECT count(*) FROM test_executions")).isEqualTo(1000);
                assertThat(support.stepsRunOtherThanOncePerAttempt()).isZero();
                assertThat(support.count("SELECT count(*) FROM test_executions WHERE worker = 'jvm-test'")).isPositive();
                assertThat(support.count("SELECT count(*) FROM test_executions WHERE worker = 'jvm-child'")).isPositive();
            } finally {
                other.destroyForcibly().waitFor();
            }
        } finally {
            TestDatabases.deleteRecursively(logs);
        }
    }
}
