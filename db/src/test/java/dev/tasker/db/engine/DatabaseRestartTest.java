package dev.tasker.db.engine;

import dev.tasker.core.state.TaskState;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.embedded.EmbeddedPostgresServer;
import dev.tasker.db.testing.ExecutionLog;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import dev.tasker.db.testing.WorkerProcess;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PostgreSQL stops and starts again while 50 tasks run: the worker reconnects by itself and every task completes. */
class DatabaseRestartTest {

    @Test
    void everyTaskCompletesAcrossARestartOfTheServer() throws Exception {
        Path dir = Files.createTempDirectory("restart");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("data"), Map.of(), port);
        try {
            DatabaseSettings settings = new DatabaseSettings(server.jdbcUrl(), dir, "tasker", 8, Duration.ofSeconds(2));
            try (TestEngine engine = new TestEngine(settings, s -> s)) {
                engine.handler("Record", WorkerProcess.recording(new ExecutionLog(engine.database().dataSource()), "w", 100));
                MultiWorkerSupport support = new MultiWorkerSupport(engine.database());
                support.template("""
                        name: three_steps
                        namespace_name: restart
                        version: 1.0.0
                        steps:
                          - { name: a, handler: { callable: Record } }
                          - { name: b, handler: { callable: Record }, dependencies: [a] }
                          - { name: c, handler: { callable: Record }, dependencies: [b] }
                        """);
                List<UUID> tasks = support.submit("restart", "three_steps", 50);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        support.count("SELECT count(*) FROM workflow_steps WHERE current_state = 'complete'") >= 20);

                server.close();
                Thread.sleep(2000);
                server = EmbeddedPostgresServer.start(dir.resolve("data"), Map.of(), port);

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                        support.count("SELECT count(*) FROM tasks WHERE current_state = 'complete'") == 50);
                for (UUID id : tasks) {
                    var task = support.queries.task(id).orElseThrow();
                    assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
                    assertThat(task.step("c").orElseThrow().result().asLong()).isEqualTo(4);
                }
            }
        } finally {
            server.close();
            TestDatabases.deleteRecursively(dir);
        }
    }
}
