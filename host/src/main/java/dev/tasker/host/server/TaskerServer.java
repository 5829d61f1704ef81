package dev.tasker.host.server;

import dev.tasker.db.Database;
import dev.tasker.host.api.ApiRoutes;
import dev.tasker.host.api.ApiState;
import dev.tasker.db.store.PgOutbox;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.ui.DashboardService;
import dev.tasker.host.events.NatsEventRelay;
import dev.tasker.loader.LoadedHandlers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One running Tasker: the web server first (so that liveness answers during start-up), then the
 * database and the handler directories side by side; {@code /health/ready} turns 200 when all are in place.
 */
public final class TaskerServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TaskerServer.class.getName());

    private final TaskerConfig config;
    private final Readiness readiness;
    private final ApiState api = new ApiState();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private WebServer webServer;
    private Database database;
    private EngineRuntime engine;
    private LoadedHandlers handlers;
    private NatsEventRelay relay;

    private TaskerServer(TaskerConfig config) {
        this.config = config;
        this.readiness = new Readiness(config);
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static TaskerServer start(TaskerConfig config) {
        TaskerServer server = new TaskerServer(config);
        try {
            server.startAll();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The API can create and cancel tasks and read their data: on an address other machines reach, it needs keys.
     */
    static void refuseAnOpenApiOffLoopback(TaskerConfig config) {
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(config.host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("tasker.host '" + config.host() + "' is not an address of this machine", e);
        }
        if (!loopback && config.api().keys().isEmpty()) {
            throw new IllegalArgumentException("Tasker would listen on " + config.host() + " with no API keys, so anyone who "
                    + "reaches it could create, cancel and read tasks. Set TASKER_API_KEYS (tasker.api.keys), or listen on "
                    + "127.0.0.1 (the default) and put a proxy in front.");
        }
    }

    /** The start-up line about the API's keys (never the keys). */
    static String apiKeysLine(TaskerConfig config) {
        int keys = config.api().keys().size();
        if (keys == 0) {
            return "API keys: none configured (keys=0); the API and the dashboard answer whoever reaches " + config.host();
        }
        return "API keys: keys=" + keys + " configured; /v1 and /config answer only requests that carry one"
                + (config.api().metricsPublic() ? "" : ", and /metrics too");
    }

    private void startAll() {
        refuseAnOpenApiOffLoopback(config);
        LOG.info(apiKeysLine(config));
        WebServerConfig.Builder builder = WebServer.builder().host(config.host()).port(config.port());
        setup(builder, readiness, api, config.api());
        webServer = builder.build().start();
        CompletableFuture<LoadedHandlers> loading = CompletableFuture.supplyAsync(
                () -> LoadedHandlers.load(config.handlerDirs(), config.languages(), config.environment(),
                        JavaClassPath.loader(config.javaClassPath())),
                runnable -> Thread.ofPlatform().name("tasker-handler-load").start(runnable));
        try {
            database = Database.open(config.database());
            readiness.databaseOpened(database);
        } finally {
            handlers = joined(loading);
        }
        LoadedHandlers loaded = handlers;
        engine = new EngineRuntime(database, handlers.resolver(), config.worker(), loaded::guests,
                config.api().enforceInputSchema(), config.dlq());
        handlers.templates().templates().forEach(engine.store()::registerTemplate);
        handlers.watch(Duration.ofMillis(300), engine.store()::registerTemplate);
        if (config.events().natsUrl() != null) {
            relay = new NatsEventRelay(config.events().natsUrl(), new PgOutbox(database.dataSource()), Duration.ofMillis(500));
            LOG.info(() -> "Durable domain events are published to NATS JetStream at " + config.events().natsUrl());
            readiness.relayStarted("durable domain events are published to NATS JetStream");
        }
        api.handlersLoaded(handlers);
        api.engineReady(engine.store(), engine.queries(), engine.tasks());
        api.operationsReady(engine.deadLetters(), engine.analytics(), config.dlq().staleness());
        LoadReport.of(handlers, config.handlerDirs()).log();
        readiness.handlersLoaded(handlers);
        readiness.engineStarted(engine);
        LOG.info(() -> "Tasker is ready on http://%s:%d".formatted(config.host(), webServer.port()));
    }

    private static LoadedHandlers joined(CompletableFuture<LoadedHandlers> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The routes and features of a Tasker server; {@code main} and the tests both build the server with this. */
    public static void setup(WebServerConfig.Builder builder, Readiness readiness, ApiState api, TaskerConfig.ApiConfig apiConfig) {
        ProcessMetrics.register();
        DashboardService dashboard = new DashboardService(TaskerServer.class.getClassLoader());
        builder.routing(routing -> {
            routing.register(new HealthService(readiness, apiConfig.keys().isEmpty()))
                    .register(new ConfigService(readiness))
                    .register(DashboardService.BASE, dashboard);
            dashboard.registerAtRoot(routing);
            new ApiRoutes(api, apiConfig).register(routing, apiConfig);
        });
        // a response goes out as several writes; with Nagle's algorithm on, the later ones wait for the client's
        // delayed ACK (40 ms per GET /v1/templates on a kept-alive connection, measured)
        builder.connectionOptions(options -> options.tcpNoDelay(true));
        builder.featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder()
                        .observersDiscoverServices(false)
                        .endpoint("/")
                        .addObserver(MetricsObserver.create())
                        .build());
    }

    public int port() {
        return webServer.port();
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    /** Files that did not load and templates refused, one line each with file and line; empty when all loaded. */
    public java.util.List<String> loadProblems() {
        return handlers == null ? java.util.List.of() : handlers.problems();
    }

    public Database database() {
        return database;
    }

    public EngineRuntime engine() {
        return engine;
    }

    /** Stops taking requests, closes the pool and stops the embedded database. Safe to call twice. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        readiness.shutdownStarted();
        if (engine != null) {
            engine.stop(config.shutdownGrace());
        }
        if (relay != null) {
            relay.close();
        }
        if (webServer != null) {
            webServer.stop();
        }
        if (handlers != null) {
            handlers.close();
        }
        if (database != null) {
            database.close();
        }
        LOG.info("Tasker stopped");
    }
}
