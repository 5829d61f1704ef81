package dev.tasker.host.server;

import dev.tasker.core.json.Json;
import dev.tasker.db.Database;
import dev.tasker.host.TaskerVersion;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tasker's health endpoints: {@code /health} (the process answers), {@code /live} and {@code /health/live},
 * {@code /ready} and {@code /health/ready} (200 or 503 with the named checks), {@code /health/detailed}.
 */
public final class HealthService implements HttpService {

    private final Readiness readiness;
    private final HealthChecks checks;

    /** @param details with what each check found (database URL, handler files); without, only its status */
    public HealthService(Readiness readiness, boolean details) {
        this.readiness = readiness;
        this.checks = new HealthChecks(readiness, details);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> send(res, Status.OK_200, basic("healthy")))
                .get("/health/live", this::live)
                .get("/live", this::live)
                .get("/health/ready", this::ready)
                .get("/ready", this::ready)
                .get("/health/detailed", this::detailed);
    }

    private void live(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, basic("alive"));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        var found = checks.readiness();
        // the checks have asked the database already; the handlers and shutdown are what isReady() adds to them
        boolean ready = readiness.handlers() != null && !readiness.shuttingDown()
                && HealthChecks.allHealthy(HealthChecks.taskersReadinessChecks(found));
        Map<String, Object> body = basic(ready ? "ready" : "not_ready");
        body.put("checks", found);
        body.put("info", info());
        send(res, ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private void detailed(ServerRequest req, ServerResponse res) {
        var found = checks.detailed();
        Map<String, Object> body = basic(HealthChecks.allHealthy(found) ? "healthy" : "degraded");
        body.put("checks", found);
        body.put("info", info());
        send(res, Status.OK_200, body);
    }

    private Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        Database db = readiness.database();
        int poolSize = db == null ? 0 : db.poolUse().max();
        info.put("version", TaskerVersion.VERSION);
        info.put("environment", readiness.environment());
        info.put("operational_state", readiness.operationalState());
        info.put("web_database_pool_size", poolSize);
        info.put("orchestration_database_pool_size", poolSize);
        info.put("circuit_breaker_state", "closed");
        info.put("pool_utilization", null);
        return info;
    }

    private static Map<String, Object> basic(String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return body;
    }

    private static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
