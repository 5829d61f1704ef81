package dev.tasker.host.server;

import dev.tasker.bridge.GuestLanguages;
import dev.tasker.core.engine.EngineEvents;
import dev.tasker.core.engine.TaskQueries;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.Database;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The engine's meters in Helidon's registry, served at {@code /metrics} in Prometheus text: tasks created,
 * completed and failed by namespace; step durations by namespace, step and language; step errors by type;
 * retries; the ready queue; each language's context pool; the database pool.
 */
final class EngineMetrics implements EngineEvents, AutoCloseable {

    private static final List<String> LANGUAGES = List.of("ruby", "python", "javascript");

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<io.helidon.metrics.api.Meter> gauges = new java.util.ArrayList<>();

    /** Registers the gauges; they read the queue, the pools and the languages when scraped. */
    EngineMetrics(TaskQueries queries, Database database, Supplier<GuestLanguages> languages) {
        gauge("tasker_ready_steps", "Steps ready to run and not yet claimed", queries, q -> q.readySteps());
        gauge("tasker_db_pool_active_connections", "Database connections in use", database, d -> d.poolUse().active());
        gauge("tasker_db_pool_total_connections", "Database connections open", database, d -> d.poolUse().total());
        gauge("tasker_db_pool_max_connections", "Largest size of the database pool", database, d -> d.poolUse().max());
        for (String language : LANGUAGES) {
            gauges.add(registry.getOrCreate(Gauge.builder("tasker_context_pool_size", languages,
                    l -> pool(l, language, false)).description("Contexts of a guest language's pool").tags(Metrics.tags("language", language))));
            gauges.add(registry.getOrCreate(Gauge.builder("tasker_context_pool_busy", languages,
                    l -> pool(l, language, true)).description("Contexts running a handler").tags(Metrics.tags("language", language))));
        }
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        gauges.add(registry.getOrCreate(Gauge.builder(name, source, value).description(description)));
    }

    private static double pool(Supplier<GuestLanguages> languages, String language, boolean busy) {
        GuestLanguages guests = languages.get();
        var started = guests == null ? null : guests.languages().get(language);
        if (started == null) {
            return 0;
        }
        var runtime = started.runtime();
        return busy ? Math.max(0, runtime.poolSize() - runtime.idleContexts()) : runtime.poolSize();
    }

    /** The gauges read this engine's database and pools: they go when it stops (counters and timers stay). */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    @Override
    public void taskCreated(String namespace) {
        counter("tasker_tasks_created", "Tasks created", "namespace", namespace).increment();
    }

    @Override
    public void taskReached(String namespace, java.util.UUID taskUuid, TaskState state) {
        if (state == TaskState.COMPLETE) {
            counter("tasker_tasks_completed", "Tasks that completed", "namespace", namespace).increment();
        } else {
            counter("tasker_tasks_failed", "Tasks blocked by a step in error", "namespace", namespace).increment();
        }
    }

    @Override
    public void stepFinished(StepFinished step) {
        registry.getOrCreate(Timer.builder("tasker_step_duration")
                        .description("Handler attempts, from start to recorded outcome")
                        .tags(Metrics.tags("namespace", step.namespace(), "step", step.stepName(), "language", step.language()))
                        .buckets(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
                                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60)))
                .record(step.duration());
        if (step.errorType() != null) {
            counter("tasker_step_errors", "Attempts that did not complete, by error type", "error_type", step.errorType()).increment();
        }
        if (step.nextState() == StepState.WAITING_FOR_RETRY) {
            counter("tasker_step_retries", "Attempts that will be retried", "namespace", step.namespace()).increment();
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return registry.getOrCreate(Counter.builder(name).description(description).tags(Metrics.tags(tag, value)));
    }
}
