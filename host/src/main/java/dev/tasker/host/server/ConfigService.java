package dev.tasker.host.server;

import dev.tasker.core.json.Json;
import dev.tasker.db.DatabaseUrl;
import dev.tasker.host.TaskerVersion;
import dev.tasker.host.config.TaskerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /config}: Tasker's OrchestrationConfigResponse, and beside it ({@code tasker}) the effective
 * configuration this server runs with. Secrets never appear: API keys are counted, URLs lose their passwords.
 */
public final class ConfigService implements HttpService {

    public static final String PATH = "/config";

    private final Readiness readiness;

    public ConfigService(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::show);
    }

    private void show(ServerRequest req, ServerResponse res) {
        TaskerConfig config = readiness.config();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (config == null) {
            res.status(Status.SERVICE_UNAVAILABLE_503);
            res.send(Json.write(Map.of("error", Map.of("code", "starting", "message", "Tasker is still starting"))));
            return;
        }
        res.send(Json.write(of(config)));
    }

    static Map<String, Object> of(TaskerConfig config) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
        metadata.put("environment", config.environment());
        metadata.put("version", TaskerVersion.VERSION);
        body.put("metadata", metadata);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("enabled", !config.api().keys().isEmpty());
        auth.put("verification_method", config.api().keys().isEmpty() ? "none" : "api_key");
        auth.put("jwt_issuer", "");
        auth.put("jwt_audience", "");
        auth.put("api_key_header", "X-API-Key");
        auth.put("api_key_count", config.api().keys().size());
        auth.put("strict_validation", true);
        auth.put("allowed_algorithms", List.of());
        body.put("auth", auth);
        Map<String, Object> breakers = new LinkedHashMap<>();
        breakers.put("enabled", false);
        breakers.put("failure_threshold", 0);
        breakers.put("timeout_seconds", 0);
        breakers.put("success_threshold", 0);
        body.put("circuit_breakers", breakers);
        body.put("database_pools", Map.of("web_api_pool_size", config.database().maxPoolSize(),
                "web_api_max_connections", config.database().maxPoolSize()));
        body.put("deployment_mode", "embedded_workers");
        Map<String, Object> messaging = new LinkedHashMap<>();
        messaging.put("backend", "postgresql");
        messaging.put("queues", List.of());
        body.put("messaging", messaging);
        body.put("tasker", effective(config));
        return body;
    }

    /** The settings serve runs with, as {@code config validate} reads them, without secrets. */
    static Map<String, Object> effective(TaskerConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", config.host());
        out.put("port", config.port());
        out.put("environment", config.environment());
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("url", config.database().usesEmbedded() ? null : DatabaseUrl.parse(config.database().url()).redacted());
        database.put("embedded", config.database().usesEmbedded());
        database.put("embedded_data_dir", config.database().usesEmbedded() ? config.database().embeddedDataDir().toString() : null);
        database.put("schema", config.database().schema());
        database.put("max_pool_size", config.database().maxPoolSize());
        out.put("database", database);
        out.put("handler_dirs", config.handlerDirs().stream().map(Object::toString).toList());
        out.put("shutdown_grace_seconds", config.shutdownGrace().toSeconds());
        Map<String, Object> worker = new LinkedHashMap<>();
        worker.put("concurrency", config.worker().concurrency());
        worker.put("namespaces", config.worker().namespaces());
        worker.put("max_steps_per_decision", config.worker().maxStepsPerDecision());
        worker.put("max_decision_depth", config.worker().maxDecisionDepth());
        out.put("worker", worker);
        Map<String, Object> languages = new LinkedHashMap<>();
        languages.put("python_pool_size", config.languages().pythonPoolSize());
        languages.put("javascript_pool_size", config.languages().javascriptPoolSize());
        out.put("languages", languages);
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("keys", config.api().keys().size() + " configured");
        api.put("max_body_bytes", config.api().maxBodyBytes());
        api.put("metrics_public", config.api().metricsPublic());
        api.put("max_ready_steps", config.api().maxReadySteps());
        api.put("input_schema", config.api().enforceInputSchema() ? "enforce" : "warn");
        out.put("api", api);
        Map<String, Object> dlq = new LinkedHashMap<>();
        dlq.put("sweep_interval_seconds", config.dlq().sweepInterval().toSeconds());
        dlq.put("waiting_for_dependencies_minutes", config.dlq().staleness().waitingForDependencies());
        dlq.put("waiting_for_retry_minutes", config.dlq().staleness().waitingForRetry());
        dlq.put("steps_in_process_minutes", config.dlq().staleness().stepsInProcess());
        out.put("dlq", dlq);
        out.put("events", Map.of("nats_url", config.events().natsUrl() == null ? "none"
                : config.events().natsUrl().replaceAll("//[^@/]*@", "//***@")));
        return out;
    }
}
