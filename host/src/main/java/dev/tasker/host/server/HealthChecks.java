package dev.tasker.host.server;

import dev.tasker.db.Database;
import dev.tasker.loader.LoadedHandlers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tasker's named health checks (HealthCheck: status, duration_ms, message), each timed, over what this server runs:
 * the database, the handlers and the worker. Messages are left out when {@code details} is false.
 */
final class HealthChecks {

    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String DEGRADED = "degraded";

    private final Readiness readiness;
    private final boolean details;

    HealthChecks(Readiness readiness, boolean details) {
        this.readiness = readiness;
        this.details = details;
    }

    /** The five checks of Tasker's ReadinessChecks, and the handlers beside them. */
    Map<String, Map<String, Object>> readiness() {
        Map<String, Map<String, Object>> checks = new LinkedHashMap<>();
        Map<String, Object> database = timed(this::database);
        checks.put("web_database", database);
        checks.put("orchestration_database", database);
        checks.put("circuit_breaker", check(HEALTHY, 0,
                "no circuit breaker: a step's database writes are retried until its lease would expire"));
        checks.put("orchestration_system", timed(this::orchestration));
        checks.put("command_processor", timed(this::worker));
        checks.put("handlers", timed(this::handlers));
        return checks;
    }

    /** Tasker's DetailedHealthChecks: the readiness checks, the pool, the ready queue and the worker's step slots. */
    Map<String, Map<String, Object>> detailed() {
        Map<String, Map<String, Object>> checks = readiness();
        checks.put("pool_utilization", timed(this::pool));
        checks.put("queue_depth", timed(this::queueDepth));
        checks.put("channel_saturation", timed(this::slots));
        checks.put("event_relay", timed(this::relay));
        return checks;
    }

    /** Readiness stands on Tasker's five checks: a handler file that did not load degrades health, not readiness. */
    static Map<String, Map<String, Object>> taskersReadinessChecks(Map<String, Map<String, Object>> checks) {
        Map<String, Map<String, Object>> five = new LinkedHashMap<>(checks);
        five.keySet().retainAll(java.util.Set.of("web_database", "orchestration_database", "circuit_breaker",
                "orchestration_system", "command_processor"));
        return five;
    }

    static boolean allHealthy(Map<String, Map<String, Object>> checks) {
        return checks.values().stream().allMatch(c -> HEALTHY.equals(c.get("status")));
    }

    private Map<String, Object> timed(Supplier<Map<String, Object>> check) {
        long start = System.nanoTime();
        Map<String, Object> result = check.get();
        result.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private Map<String, Object> check(String status, long durationMs, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("duration_ms", durationMs);
        out.put("message", details ? message : null);
        return out;
    }

    private Map<String, Object> check(String status, String message) {
        return check(status, 0, message);
    }

    private Map<String, Object> database() {
        Database db = readiness.database();
        if (db == null) {
            return check(UNHEALTHY, "starting: the database is not open yet");
        }
        boolean up = db.isReachable();
        return check(up ? HEALTHY : UNHEALTHY, (up ? "" : "not answering: ") + db.url().redacted() + " (schema "
                + db.schema() + (db.isEmbedded() ? ", embedded" : "") + ")");
    }

    private Map<String, Object> orchestration() {
        if (readiness.engine() == null) {
            return check(UNHEALTHY, "starting: the engine is not running yet");
        }
        return check(readiness.shuttingDown() ? DEGRADED : HEALTHY, readiness.operationalState());
    }

    private Map<String, Object> worker() {
        EngineRuntime engine = readiness.engine();
        if (engine == null) {
            return check(UNHEALTHY, "starting: the worker is not running yet");
        }
        return check(readiness.shuttingDown() ? DEGRADED : HEALTHY, engine.worker().attemptsRun() + " step attempts run");
    }

    private Map<String, Object> handlers() {
        LoadedHandlers loaded = readiness.handlers();
        if (loaded == null) {
            return check(UNHEALTHY, "loading the handler directories");
        }
        StringBuilder message = new StringBuilder(loaded.scan().summary());
        loaded.guests().languages().forEach((language, started) -> message.append("; ").append(language).append(": ")
                .append(count(started.runtime().handlerNames().size(), "callable")).append(", ")
                .append(count(started.runtime().poolSize(), "context")));
        if (!loaded.problems().isEmpty()) {
            message.append("; problems: ").append(String.join(" | ", loaded.problems()));
        }
        return check(loaded.problems().isEmpty() ? HEALTHY : DEGRADED, message.toString());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Map<String, Object> pool() {
        Database db = readiness.database();
        if (db == null) {
            return check(UNHEALTHY, "starting: no pool yet");
        }
        Database.PoolUse use = db.poolUse();
        boolean saturated = use.max() > 0 && use.active() >= use.max();
        return check(saturated ? DEGRADED : HEALTHY, use.active() + " of " + use.max() + " connections in use, "
                + use.idle() + " idle");
    }

    private Map<String, Object> queueDepth() {
        EngineRuntime engine = readiness.engine();
        if (engine == null) {
            return check(UNHEALTHY, "starting");
        }
        try {
            return check(HEALTHY, engine.queries().readySteps() + " steps ready and not yet claimed");
        } catch (RuntimeException e) {
            return check(UNHEALTHY, "the ready queue could not be counted: " + e.getMessage());
        }
    }

    private Map<String, Object> slots() {
        EngineRuntime engine = readiness.engine();
        if (engine == null) {
            return check(UNHEALTHY, "starting");
        }
        int running = engine.worker().runningCount();
        int slots = engine.worker().settings().concurrency();
        return check(running >= slots ? DEGRADED : HEALTHY, running + " of " + slots + " step slots in use");
    }

    private Map<String, Object> relay() {
        return check(HEALTHY, readiness.relayDescription());
    }
}
