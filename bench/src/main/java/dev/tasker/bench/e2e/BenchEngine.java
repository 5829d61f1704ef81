package dev.tasker.bench.e2e;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.EngineEvents;
import dev.tasker.core.engine.TaskRequest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The real engine in this JVM (the server as {@code tasker serve} runs it) with no-op handlers in every language
 * and a template per shape and language in namespace {@code bench}; tells when each task ends.
 */
public final class BenchEngine implements AutoCloseable {

    /** Templates here are registered but not served: tasks created in it only measure creation. */
    public static final String IDLE_NAMESPACE = "bench_idle";

    private final TaskerServer server;
    private final Path handlers;
    private final Map<UUID, CompletableFuture<Long>> ends = new ConcurrentHashMap<>();
    private final LongAdder stepsCompleted = new LongAdder();
    private final AtomicLong submitted = new AtomicLong();

    private BenchEngine(TaskerServer server, Path handlers) {
        this.server = server;
        this.handlers = handlers;
        server.engine().listen(new EngineEvents() {
            @Override
            public void stepFinished(StepFinished step) {
                if (step.nextState() == StepState.COMPLETE) {
                    stepsCompleted.increment();
                }
            }

            @Override
            public void taskReached(String namespace, UUID taskUuid, TaskState state) {
                end(taskUuid).complete(state == TaskState.COMPLETE ? System.nanoTime() : -1L);
            }
        });
    }

    /** @param databaseUrl null: an embedded PostgreSQL in a temporary directory, with its default (durable) settings */
    public static BenchEngine start(String databaseUrl, int concurrency) {
        Path handlers = writeHandlers();
        DatabaseSettings database = new DatabaseSettings(databaseUrl, handlers.resolveSibling(handlers.getFileName() + "-pg"),
                "bench_" + System.currentTimeMillis(), 16, Duration.ofSeconds(5));
        TaskerConfig config = new TaskerConfig("127.0.0.1", 0, database, List.of(handlers), Duration.ofSeconds(10),
                new TaskerConfig.WorkerConfig(concurrency, List.of("bench")), GuestSettings.defaults(handlers),
                "bench", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE);
        TaskerServer server = TaskerServer.start(config);
        if (!server.loadProblems().isEmpty()) {
            server.close();
            throw new IllegalStateException("the benchmark's handlers did not load: " + server.loadProblems());
        }
        return new BenchEngine(server, handlers);
    }

    private static Path writeHandlers() {
        try {
            Path dir = Files.createTempDirectory("tasker-bench-handlers");
            for (Language language : Language.values()) {
                if (language.file() != null) {
                    Files.writeString(dir.resolve(language.file()), language.source());
                }
                for (Shape shape : Shape.values()) {
                    Files.writeString(dir.resolve(shape.templateName(language) + ".yaml"), shape.template(language));
                }
            }
            Files.writeString(dir.resolve("idle.yaml"), Shape.LINEAR_10.template(Language.JAVA)
                    .replace("namespace_name: bench\n", "namespace_name: " + IDLE_NAMESPACE + "\n"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's handler files", e);
        }
    }

    /** Creates a task in-process (no HTTP) and returns it; {@link #ended} says when it has ended. */
    public UUID submit(Shape shape, Language language) {
        UUID task = server.engine().tasks().create(TaskRequest.of("bench", shape.templateName(language),
                JsonNodeFactory.instance.objectNode().put("n", submitted.incrementAndGet())));
        end(task);
        return task;
    }

    /** Completes with System.nanoTime() when the task completed, or -1 when it ended blocked. */
    public CompletableFuture<Long> ended(UUID task) {
        return end(task).whenComplete((t, e) -> ends.remove(task));
    }

    private CompletableFuture<Long> end(UUID task) {
        return ends.computeIfAbsent(task, t -> new CompletableFuture<>());
    }

    public long stepsCompleted() {
        return stepsCompleted.sum();
    }

    public TaskerServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** Stops the engine and, on a server of the user's, drops the schema the run made. */
    @Override
    public void close() {
        var database = server.database();
        boolean external = !database.isEmbedded();
        server.close();
        if (external) {
            BenchSchemas.drop(database.url(), database.schema());
        }
        dev.tasker.db.embedded.ThrowawayPostgres.deleteRecursively(handlers);
        dev.tasker.db.embedded.ThrowawayPostgres.deleteRecursively(handlers.resolveSibling(handlers.getFileName() + "-pg"));
    }
}
