package dev.tasker.testkit;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.embedded.ThrowawayPostgres;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A Tasker server for tests: a free port on 127.0.0.1, a fresh schema, the given handler folders. */
final class TestEngineServer implements AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final TaskerServer server;
    private final TaskerTestClient client;

    private TestEngineServer(TaskerServer server) {
        this.server = server;
        this.client = new TaskerTestClient(URI.create("http://127.0.0.1:" + server.port()));
    }

    static TestEngineServer start(List<Path> dirs, int concurrency) {
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("@TaskerTest names " + dir + ", which is not a folder");
            }
        }
        String schema = "testkit_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        DatabaseSettings database = new DatabaseSettings(ThrowawayPostgres.url(), Path.of("unused"), schema,
                Math.max(8, concurrency + 4), Duration.ofSeconds(5));
        TaskerConfig config = new TaskerConfig("127.0.0.1", 0, database, dirs, Duration.ofSeconds(5),
                new TaskerConfig.WorkerConfig(concurrency, List.of()),
                new GuestSettings(2, 2, 2, Path.of("target", "tasker-ts-cache")), "test",
                TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE);
        TaskerServer server = TaskerServer.start(config);
        List<String> problems = server.loadProblems();
        if (!problems.isEmpty()) {
            server.close();
            throw new IllegalStateException("the handler folders " + dirs + " did not load cleanly:\n  " + String.join("\n  ", problems));
        }
        return new TestEngineServer(server);
    }

    TaskerTestClient client() {
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
