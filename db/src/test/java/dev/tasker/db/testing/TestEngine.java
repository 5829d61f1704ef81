package dev.tasker.db.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskService;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Worker;
import dev.tasker.core.engine.WorkerSettings;
import dev.tasker.core.handler.JavaHandlers;
import dev.tasker.core.json.Json;
import dev.tasker.core.template.TemplateParser;
import dev.tasker.db.Database;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.store.PgListener;
import dev.tasker.db.store.PgTaskQueries;
import dev.tasker.db.store.PgTaskStore;

import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/** A whole engine on a schema of its own: store, worker, notifications and Java handlers registered by name. */
public final class TestEngine implements AutoCloseable {

    private final Database database;
    private final JavaHandlers handlers = new JavaHandlers();
    private final dev.tasker.core.spi.HandlerResolver resolver;
    private final PgTaskStore store;
    private final PgTaskQueries queries;
    private final dev.tasker.core.events.EventBus bus = new dev.tasker.core.events.EventBus();
    private final Worker worker;
    private final PgListener listener;
    private final TaskService tasks;

    public TestEngine() {
        this(UnaryOperator.identity());
    }

    public TestEngine(UnaryOperator<WorkerSettings> settings) {
        this(TestDatabases.settings(TestDatabases.newSchemaName()), settings);
    }

    /** An engine on an existing schema (e.g. a second worker beside another one). */
    public TestEngine(DatabaseSettings databaseSettings, UnaryOperator<WorkerSettings> settings) {
        this(databaseSettings, settings, java.util.Map.of());
    }

    /** An engine whose handlers are registered before its worker starts claiming (for work that is already waiting). */
    public TestEngine(DatabaseSettings databaseSettings, UnaryOperator<WorkerSettings> settings,
                      java.util.Map<String, StepHandler> initialHandlers) {
        this(databaseSettings, settings, initialHandlers, callable -> java.util.Optional.empty());
    }

    /** An engine that also runs the handlers of another resolver (e.g. guest languages) after the Java ones. */
    public TestEngine(DatabaseSettings databaseSettings, UnaryOperator<WorkerSettings> settings,
                      java.util.Map<String, StepHandler> initialHandlers, dev.tasker.core.spi.HandlerResolver more) {
        initialHandlers.forEach(handlers::register);
        this.resolver = dev.tasker.core.handler.HandlerResolvers.firstOf(handlers, more);
        this.database = Database.open(databaseSettings);
        this.store = new PgTaskStore(database.dataSource(), database.schema());
        this.queries = new PgTaskQueries(database.dataSource());
        this.worker = new Worker(store, resolver,
                settings.apply(WorkerSettings.defaults("test-" + UUID.randomUUID().toString().substring(0, 8))
                        .withLeaseMargin(1, Duration.ofMillis(200))), dev.tasker.core.engine.EngineEvents.NONE, bus);
        this.listener = new PgListener(database.url(), store.notifications(), worker::wake, worker::cancelTask);
        this.tasks = new TaskService(store, worker, dev.tasker.core.engine.EngineEvents.NONE);
        worker.start();
    }

    public TestEngine handler(String name, StepHandler handler) {
        handlers.register(name, handler);
        return this;
    }

    /** Registers a template given as YAML; its callables must be registered handlers. */
    public TestEngine template(String yaml) {
        store.registerTemplate(new TemplateParser("test", resolver::exists).parse(yaml, "test.yaml"));
        return this;
    }

    public UUID submit(String namespace, String name, String contextJson) {
        return tasks.create(TaskRequest.of(namespace, name, Json.read(contextJson)));
    }

    public UUID submit(TaskRequest request) {
        return tasks.create(request);
    }

    public TaskView task(UUID taskUuid) {
        return queries.task(taskUuid).orElseThrow();
    }

    /** Waits until the task is in a terminal or blocked state, and answers it. */
    public TaskView awaitEnd(UUID taskUuid) {
        return awaitEnd(taskUuid, Duration.ofSeconds(30));
    }

    public TaskView awaitEnd(UUID taskUuid, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            var state = task(taskUuid).state();
            return state.isTerminal() || state == dev.tasker.core.state.TaskState.BLOCKED_BY_FAILURES;
        });
        return task(taskUuid);
    }

    public PgTaskStore store() {
        return store;
    }

    public PgTaskQueries queries() {
        return queries;
    }

    /** Where fast and broadcast domain events are delivered. */
    public dev.tasker.core.events.EventBus bus() {
        return bus;
    }

    /** The outbox of durable domain events. */
    public dev.tasker.db.store.PgOutbox outbox() {
        return new dev.tasker.db.store.PgOutbox(database.dataSource());
    }

    public Worker worker() {
        return worker;
    }

    public Database database() {
        return database;
    }

    public static JsonNode json(String text) {
        return Json.read(text);
    }

    @Override
    public void close() {
        worker.stop(Duration.ofSeconds(1));
        listener.close();
        database.close();
    }
}
