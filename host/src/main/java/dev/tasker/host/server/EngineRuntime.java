package dev.tasker.host.server;

import dev.tasker.bridge.GuestLanguages;
import dev.tasker.core.engine.EngineEventListeners;
import dev.tasker.core.engine.EngineEvents;
import dev.tasker.core.engine.TaskService;
import dev.tasker.core.engine.Worker;
import dev.tasker.core.engine.WorkerSettings;
import dev.tasker.core.events.EventBus;
import dev.tasker.core.spi.HandlerResolver;
import dev.tasker.db.Database;
import dev.tasker.db.store.PgAnalytics;
import dev.tasker.db.store.PgDeadLetters;
import dev.tasker.db.store.PgListener;
import dev.tasker.db.store.PgTaskQueries;
import dev.tasker.db.store.PgTaskStore;
import dev.tasker.host.config.TaskerConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.function.Supplier;

/** The engine of one JVM on an open database: store, worker, notifications and task submission. */
public final class EngineRuntime {

    private final PgTaskStore store;
    private final PgTaskQueries queries;
    private final Worker worker;
    private final PgListener listener;
    private final TaskService tasks;
    private final EngineMetrics metrics;
    private final EngineEventListeners events;
    private final EventBus bus = new EventBus();
    private final PgDeadLetters deadLetters;
    private final PgAnalytics analytics;
    private final DeadLetterSweep sweep;

    EngineRuntime(Database db, HandlerResolver handlers, TaskerConfig.WorkerConfig config, Supplier<GuestLanguages> languages,
                  boolean enforceInputSchema, TaskerConfig.DlqConfig dlq) {
        this.store = new PgTaskStore(db.dataSource(), db.schema());
        this.queries = new PgTaskQueries(db.dataSource());
        this.metrics = new EngineMetrics(queries, db, languages);
        this.events = new EngineEventListeners(metrics);
        WorkerSettings defaults = WorkerSettings.defaults(workerId());
        this.worker = new Worker(store, handlers, new WorkerSettings(defaults.workerId(), new HashSet<>(config.namespaces()),
                config.concurrency(), defaults.pollInterval(), defaults.leaseMarginSeconds(), defaults.reaperInterval(),
                config.maxStepsPerDecision(), config.maxDecisionDepth()), events, bus);
        this.listener = new PgListener(db.url(), store.notifications(), worker::wake, worker::cancelTask);
        this.tasks = new TaskService(store, worker, events, enforceInputSchema);
        this.deadLetters = new PgDeadLetters(db.dataSource());
        this.analytics = new PgAnalytics(db.dataSource(), () -> {
            Database.PoolUse use = db.poolUse();
            return use.max() == 0 ? 0 : use.active() / (double) use.max();
        });
        worker.start();
        this.sweep = new DeadLetterSweep(deadLetters, dlq);
    }

    /** host-pid: unique among live JVMs, and says where a lease was held. */
    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public PgTaskStore store() {
        return store;
    }

    public PgTaskQueries queries() {
        return queries;
    }

    public TaskService tasks() {
        return tasks;
    }

    /** Subscribe here for fast and broadcast domain events. */
    public EventBus events() {
        return bus;
    }

    /** Hears what the engine does beside its metrics; called on the engine's threads, so it must return at once. */
    public void listen(EngineEvents listener) {
        events.add(listener);
    }

    public Worker worker() {
        return worker;
    }

    public PgDeadLetters deadLetters() {
        return deadLetters;
    }

    public PgAnalytics analytics() {
        return analytics;
    }

    /** Stops claiming, lets running steps finish within {@code grace}, gives the rest back. */
    void stop(Duration grace) {
        sweep.close();
        worker.stop(grace);
        listener.close();
        metrics.close();
        bus.close();
    }
}
