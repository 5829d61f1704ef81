package dev.tasker.testkit;

import dev.tasker.core.spi.EngineStarter;
import dev.tasker.db.embedded.ThrowawayPostgres;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A Tasker server for tests: a free port on 127.0.0.1, a fresh schema, the given handler folders. */
final class TestEngineServer implements AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final EngineStarter.Running server;
    private final TaskerTestClient client;

    private TestEngineServer(EngineStarter.Running server) {
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
        EngineStarter.Running server = EngineStarter.find().start(new EngineStarter.Options(dirs, concurrency,
                ThrowawayPostgres.url(), schema, "127.0.0.1", 0, Path.of("target", "tasker-ts-cache")));
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
