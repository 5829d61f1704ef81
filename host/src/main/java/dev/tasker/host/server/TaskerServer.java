package dev.tasker.host.server;

import dev.tasker.core.handler.JavaHandlers;
import dev.tasker.db.Database;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.loader.HandlerDirectoryScan;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One running Tasker: the web server first (so that liveness answers during start-up), then the
 * database, then the handler directories; {@code /health/ready} turns 200 when all are in place.
 */
public final class TaskerServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TaskerServer.class.getName());

    private final TaskerConfig config;
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private WebServer webServer;
    private Database database;
    private EngineRuntime engine;

    private TaskerServer(TaskerConfig config) {
        this.config = config;
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

    private void startAll() {
        WebServerConfig.Builder builder = WebServer.builder().host(config.host()).port(config.port());
        setup(builder, readiness);
        webServer = builder.build().start();
        database = Database.open(config.database());
        engine = new EngineRuntime(database, new JavaHandlers(), config.worker());
        readiness.databaseOpened(database);
        HandlerDirectoryScan scan = HandlerDirectoryScan.of(config.handlerDirs());
        scan.problems().forEach(p -> LOG.warning(() -> "Handler directory problem: " + p));
        LOG.info(() -> "Handlers: " + scan.summary() + " in " + config.handlerDirs());
        readiness.handlersLoaded(scan);
        LOG.info(() -> "Tasker is ready on http://%s:%d".formatted(config.host(), webServer.port()));
    }

    /** The routes and features of a Tasker server; {@code main} and the tests both build the server with this. */
    public static void setup(WebServerConfig.Builder builder, Readiness readiness) {
        var health = HealthObserver.builder()
                .endpoint("/health")
                .details(true)
                .useSystemServices(false)
                .addCheck(() -> HealthCheckResponse.builder().status(true).build(), HealthCheckType.LIVENESS, "process");
        readiness.checks().forEach(health::addCheck);
        builder.featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder()
                        .observersDiscoverServices(false)
                        .endpoint("/")
                        .addObserver(health.build())
                        .build());
    }

    public int port() {
        return webServer.port();
    }

    public boolean isReady() {
        return readiness.isReady();
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
        if (engine != null) {
            engine.stop(config.shutdownGrace());
        }
        if (webServer != null) {
            webServer.stop();
        }
        if (database != null) {
            database.close();
        }
        LOG.info("Tasker stopped");
    }
}
