package dev.tasker.host.config;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.db.DatabaseSettings;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code tasker serve} needs, read from {@code application.yaml}, overridden by environment
 * variables ({@code TASKER_PORT} → {@code tasker.port}, {@code TASKER_DATABASE_URL} → {@code tasker.database.url})
 * and then by command-line flags.
 */
public record TaskerConfig(String host, int port, DatabaseSettings database, List<Path> handlerDirs, Duration shutdownGrace,
                           WorkerConfig worker, GuestSettings languages, String environment, ApiConfig api,
                           EventsConfig events, DlqConfig dlq, List<Path> javaClassPath) {

    public TaskerConfig(String host, int port, DatabaseSettings database, List<Path> handlerDirs, Duration shutdownGrace,
                        WorkerConfig worker, GuestSettings languages, String environment, ApiConfig api, EventsConfig events) {
        this(host, port, database, handlerDirs, shutdownGrace, worker, languages, environment, api, events, DlqConfig.DEFAULT);
    }

    public TaskerConfig(String host, int port, DatabaseSettings database, List<Path> handlerDirs, Duration shutdownGrace,
                        WorkerConfig worker, GuestSettings languages, String environment, ApiConfig api, EventsConfig events,
                        DlqConfig dlq) {
        this(host, port, database, handlerDirs, shutdownGrace, worker, languages, environment, api, events, dlq, List.of());
    }

    /**
     * @param sweepInterval how often this JVM looks for tasks that need a person (every JVM does; entries are unique)
     * @param staleness     minutes without progress, per state, after which an active task is entered
     */
    public record DlqConfig(Duration sweepInterval, dev.tasker.core.dlq.StalenessThresholds staleness) {
        public static final DlqConfig DEFAULT = new DlqConfig(Duration.ofSeconds(60),
                dev.tasker.core.dlq.StalenessThresholds.DEFAULT);

        public DlqConfig {
            if (sweepInterval.toSeconds() < 1) {
                throw new IllegalArgumentException("tasker.dlq.sweep-interval-seconds must be at least 1, not "
                        + sweepInterval.toSeconds());
            }
        }
    }

    /** @param natsUrl where durable domain events are published (NATS JetStream); null: they stay in the outbox */
    public record EventsConfig(String natsUrl) {
        public static final EventsConfig NONE = new EventsConfig(null);
    }

    /**
     * @param maxBodyBytes  the largest request body the API reads; larger ones are answered 413
     * @param keys          API keys; empty: the API is open
     * @param metricsPublic whether /metrics is served without a key when keys are set
     * @param maxReadySteps above this many ready steps, task creation answers 503 with Retry-After
     * @param enforceInputSchema whether a context that fails its template's input_schema is refused (400) or only
     *                           logged (Tasker never checks input_schema: {@code tasker.api.input-schema: warn})
     */
    public record ApiConfig(long maxBodyBytes, List<String> keys, boolean metricsPublic, long maxReadySteps,
                            boolean enforceInputSchema) {
        public static final ApiConfig DEFAULT = new ApiConfig(1024 * 1024, List.of(), true, 100_000, true);

        public ApiConfig {
            keys = List.copyOf(keys);
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("tasker.api.max-body-bytes must be at least 1024, not " + maxBodyBytes);
            }
            if (maxReadySteps < 1) {
                throw new IllegalArgumentException("tasker.api.max-ready-steps must be at least 1, not " + maxReadySteps);
            }
        }

        public ApiConfig withKeys(List<String> newKeys) {
            return new ApiConfig(maxBodyBytes, newKeys, metricsPublic, maxReadySteps, enforceInputSchema);
        }

        public ApiConfig withMaxReadySteps(long limit) {
            return new ApiConfig(maxBodyBytes, keys, metricsPublic, limit, enforceInputSchema);
        }

        /** Never shows the keys (a record's toString would). */
        @Override
        public String toString() {
            return "ApiConfig[maxBodyBytes=" + maxBodyBytes + ", keys=" + keys.size() + " configured, metricsPublic="
                    + metricsPublic + ", maxReadySteps=" + maxReadySteps + ", enforceInputSchema=" + enforceInputSchema + "]";
        }
    }

    /**
     * @param concurrency         handler attempts at once
     * @param namespaces          the namespaces this JVM serves; empty: all
     * @param maxStepsPerDecision the most steps one decision or batch may create
     * @param maxDecisionDepth    the most decisions nested below one another
     */
    public record WorkerConfig(int concurrency, List<String> namespaces, int maxStepsPerDecision, int maxDecisionDepth) {
        public static final WorkerConfig DEFAULT = new WorkerConfig(16, List.of());

        public WorkerConfig {
            namespaces = List.copyOf(namespaces);
            if (concurrency < 1) {
                throw new IllegalArgumentException("tasker.worker.concurrency must be at least 1, not " + concurrency);
            }
            if (maxStepsPerDecision < 1 || maxDecisionDepth < 1) {
                throw new IllegalArgumentException("tasker.worker.max-steps-per-decision and max-decision-depth must be at "
                        + "least 1, not " + maxStepsPerDecision + " and " + maxDecisionDepth);
            }
        }

        public WorkerConfig(int concurrency, List<String> namespaces) {
            this(concurrency, namespaces, dev.tasker.core.engine.WorkerSettings.DEFAULT_MAX_STEPS_PER_DECISION,
                    dev.tasker.core.engine.WorkerSettings.DEFAULT_MAX_DECISION_DEPTH);
        }
    }

    public TaskerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        handlerDirs = List.copyOf(handlerDirs);
        javaClassPath = List.copyOf(javaClassPath);
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(events, "events");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tasker.port must be between 0 and 65535, not " + port);
        }
    }

    public static TaskerConfig from(Config root) {
        Config tasker = root.get("tasker");
        Path home = tasker.get("home").as(Path.class).orElse(Path.of(System.getProperty("user.home"), ".tasker"));
        Config db = tasker.get("database");
        DatabaseSettings database = new DatabaseSettings(
                db.get("url").asString().filter(s -> !s.isBlank()).orElse(null),
                tasker.get("data.dir").as(Path.class).orElse(home.resolve("postgres")),
                db.get("schema").asString().orElse(DatabaseSettings.DEFAULT_SCHEMA),
                db.get("pool.size").asInt().orElse(16),
                Duration.ofSeconds(db.get("connect-timeout-seconds").asInt().orElse(5)));
        return new TaskerConfig(
                tasker.get("host").asString().orElse("127.0.0.1"),
                tasker.get("port").asInt().orElse(8080),
                database,
                handlerDirs(tasker),
                Duration.ofSeconds(tasker.get("shutdown.grace-seconds").asInt().orElse(30)),
                new WorkerConfig(tasker.get("worker.concurrency").asInt().orElse(WorkerConfig.DEFAULT.concurrency()),
                        list(tasker.get("worker.namespaces")),
                        tasker.get("worker.max-steps-per-decision").asInt().orElse(WorkerConfig.DEFAULT.maxStepsPerDecision()),
                        tasker.get("worker.max-decision-depth").asInt().orElse(WorkerConfig.DEFAULT.maxDecisionDepth())),
                languages(tasker, home),
                tasker.get("environment").asString().orElse("development"),
                new ApiConfig(tasker.get("api.max-body-bytes").asLong().orElse(ApiConfig.DEFAULT.maxBodyBytes()),
                        list(tasker.get("api.keys")),
                        tasker.get("api.metrics-public").asBoolean().orElse(true),
                        tasker.get("api.max-ready-steps").asLong().orElse(ApiConfig.DEFAULT.maxReadySteps()),
                        inputSchemaEnforced(tasker.get("api.input-schema").asString().orElse("enforce"))),
                new EventsConfig(tasker.get("events.nats.url").asString().filter(u -> !u.isBlank()).orElse(null)),
                dlq(tasker.get("dlq")),
                list(tasker.get("java.classpath")).stream().map(Path::of).toList());
    }

    private static DlqConfig dlq(Config dlq) {
        var defaults = dev.tasker.core.dlq.StalenessThresholds.DEFAULT;
        return new DlqConfig(Duration.ofSeconds(dlq.get("sweep-interval-seconds").asInt()
                .orElse((int) DlqConfig.DEFAULT.sweepInterval().toSeconds())),
                new dev.tasker.core.dlq.StalenessThresholds(
                        dlq.get("staleness.waiting-for-dependencies-minutes").asInt().orElse(defaults.waitingForDependencies()),
                        dlq.get("staleness.waiting-for-retry-minutes").asInt().orElse(defaults.waitingForRetry()),
                        dlq.get("staleness.steps-in-process-minutes").asInt().orElse(defaults.stepsInProcess())));
    }

    private static boolean inputSchemaEnforced(String mode) {
        return switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "enforce" -> true;
            case "warn" -> false;
            default -> throw new IllegalArgumentException("tasker.api.input-schema must be enforce or warn, not '" + mode + "'");
        };
    }

    private static GuestSettings languages(Config tasker, Path home) {
        Config languages = tasker.get("languages");
        int fallback = GuestSettings.DEFAULT_POOL_SIZE;
        return new GuestSettings(
                languages.get("ruby.pool.size").asInt().orElse(fallback),
                languages.get("python.pool.size").asInt().orElse(fallback),
                languages.get("javascript.pool.size").asInt().orElse(fallback),
                tasker.get("typescript.cache.dir").as(Path.class).orElse(home.resolve("ts-cache")));
    }

    private static List<String> list(Config node) {
        List<String> out = new ArrayList<>();
        node.asList(String.class).ifPresent(l -> l.forEach(v -> split(v, out)));
        if (out.isEmpty()) {
            node.asString().ifPresent(v -> split(v, out));
        }
        return out;
    }

    private static void split(String value, List<String> out) {
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
    }

    /** {@code tasker.handlers} (a list, or a comma-separated string from {@code TASKER_HANDLERS}), else the examples. */
    private static List<Path> handlerDirs(Config tasker) {
        List<Path> dirs = new ArrayList<>(list(tasker.get("handlers")).stream().map(Path::of).toList());
        if (dirs.isEmpty()) {
            tasker.get("repository.root").as(Path.class).ifPresent(root -> {
                for (String module : List.of("examples-ruby", "examples-python", "examples-ts", "examples-cross-language")) {
                    dirs.add(root.resolve(module).resolve("handlers"));
                }
            });
        }
        return dirs;
    }

    public TaskerConfig withPort(int newPort) {
        return new TaskerConfig(host, newPort, database, handlerDirs, shutdownGrace, worker, languages, environment, api, events, dlq, javaClassPath);
    }

    public TaskerConfig withHost(String newHost) {
        return new TaskerConfig(newHost, port, database, handlerDirs, shutdownGrace, worker, languages, environment, api, events, dlq, javaClassPath);
    }

    public TaskerConfig withDatabase(DatabaseSettings newDatabase) {
        return new TaskerConfig(host, port, newDatabase, handlerDirs, shutdownGrace, worker, languages, environment, api, events, dlq, javaClassPath);
    }

    public TaskerConfig withApi(ApiConfig newApi) {
        return new TaskerConfig(host, port, database, handlerDirs, shutdownGrace, worker, languages, environment, newApi, events, dlq, javaClassPath);
    }

    public TaskerConfig withJavaClassPath(List<Path> entries) {
        return new TaskerConfig(host, port, database, handlerDirs, shutdownGrace, worker, languages, environment, api, events, dlq, entries);
    }

    public TaskerConfig withHandlerDirs(List<Path> newDirs) {
        return new TaskerConfig(host, port, database, newDirs, shutdownGrace, worker, languages, environment, api, events, dlq, javaClassPath);
    }
}
