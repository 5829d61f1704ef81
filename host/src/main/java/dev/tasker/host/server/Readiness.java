package dev.tasker.host.server;

import dev.tasker.db.Database;
import dev.tasker.loader.LoadedHandlers;

/**
 * What the health endpoints report on, filled in as start-up reaches it: the server takes work only once the
 * database is migrated and answers, the handler directories are loaded and the engine runs.
 */
public final class Readiness {

    private final dev.tasker.host.config.TaskerConfig config;
    private volatile Database database;
    private volatile LoadedHandlers handlers;
    private volatile EngineRuntime engine;
    private volatile String relay = "no event relay: durable domain events stay in the outbox (set TASKER_NATS_URL)";
    private volatile boolean shuttingDown;

    /** With no configuration (tests of the web layer alone): /config answers 503. */
    public Readiness() {
        this(null);
    }

    public Readiness(dev.tasker.host.config.TaskerConfig config) {
        this.config = config;
    }

    dev.tasker.host.config.TaskerConfig config() {
        return config;
    }

    String environment() {
        return config == null ? "development" : config.environment();
    }

    void databaseOpened(Database db) {
        this.database = db;
    }

    void handlersLoaded(LoadedHandlers loaded) {
        this.handlers = loaded;
    }

    void engineStarted(EngineRuntime started) {
        this.engine = started;
    }

    void relayStarted(String description) {
        this.relay = description;
    }

    void shutdownStarted() {
        this.shuttingDown = true;
    }

    public boolean isReady() {
        Database db = database;
        return db != null && handlers != null && !shuttingDown && db.isReachable();
    }

    Database database() {
        return database;
    }

    LoadedHandlers handlers() {
        return handlers;
    }

    EngineRuntime engine() {
        return engine;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    String relayDescription() {
        return relay;
    }

    /** Tasker's operational_state. */
    String operationalState() {
        if (shuttingDown) {
            return "graceful_shutdown";
        }
        return engine == null ? "startup" : "normal";
    }
}
