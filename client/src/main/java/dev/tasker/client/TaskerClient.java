package dev.tasker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Tasker's REST API from Java: typed calls over the JDK's HttpClient. Every refusal is a
 * {@link TaskerApiException} with the server's status, code and message.
 */
public final class TaskerClient {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Who the audit says acted, as Tasker's step actions name the operator. */
    private static final String OPERATOR = System.getProperty("user.name", "tasker-client");

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;

    /** @param apiKey null when the server needs none */
    public TaskerClient(URI base, String apiKey) {
        this(base, apiKey, Duration.ofSeconds(30));
    }

    public TaskerClient(URI base, String apiKey, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Task createTask(NewTask task) {
        return call("POST", "/v1/tasks", task, Task.class);
    }

    public Task task(UUID taskUuid) {
        return call("GET", "/v1/tasks/" + taskUuid, null, Task.class);
    }

    /** @param namespace null for all; @param status null for all */
    public TaskPage tasks(String namespace, String status, int page, int perPage) {
        Map<String, String> query = new LinkedHashMap<>();
        if (namespace != null) {
            query.put("namespace", namespace);
        }
        if (status != null) {
            query.put("status", status);
        }
        query.put("page", Integer.toString(page));
        query.put("per_page", Integer.toString(perPage));
        String q = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return call("GET", "/v1/tasks?" + q, null, TaskPage.class);
    }

    public Task cancelTask(UUID taskUuid) {
        return call("DELETE", "/v1/tasks/" + taskUuid, null, Task.class);
    }

    public List<Step> steps(UUID taskUuid) {
        return List.of(call("GET", "/v1/tasks/" + taskUuid + "/workflow_steps", null, Step[].class));
    }

    public Step resetStep(UUID taskUuid, UUID stepUuid, String reason) {
        return act(taskUuid, stepUuid, Map.of("action_type", "reset_for_retry", "reason", reasonOrDefault(reason),
                "reset_by", OPERATOR));
    }

    public Step resolveStep(UUID taskUuid, UUID stepUuid, String reason) {
        return act(taskUuid, stepUuid, Map.of("action_type", "resolve_manually", "reason", reasonOrDefault(reason),
                "resolved_by", OPERATOR));
    }

    /** The step completes with {@code result}, which its dependents read. */
    public Step completeStep(UUID taskUuid, UUID stepUuid, JsonNode result, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action_type", "complete_manually");
        body.put("completion_data", Map.of("result", result));
        body.put("reason", reasonOrDefault(reason));
        body.put("completed_by", OPERATOR);
        return act(taskUuid, stepUuid, body);
    }

    private static String reasonOrDefault(String reason) {
        return reason == null || reason.isBlank() ? "through the Java client" : reason;
    }

    private Step act(UUID taskUuid, UUID stepUuid, Map<String, Object> body) {
        return call("PATCH", "/v1/tasks/" + taskUuid + "/workflow_steps/" + stepUuid, body, Step.class);
    }

    /** {@code {"namespaces": [...], "templates": [...], "total_count": n}} as the server answers it. */
    public JsonNode templates() {
        return call("GET", "/v1/templates", null, JsonNode.class);
    }

    /** Every state change of a step, oldest first (Tasker's StepAuditResponse). */
    public JsonNode stepAudit(UUID taskUuid, UUID stepUuid) {
        return call("GET", "/v1/tasks/" + taskUuid + "/workflow_steps/" + stepUuid + "/audit", null, JsonNode.class);
    }

    /** One template with its steps and definition. */
    public JsonNode template(String namespace, String name, String version) {
        return call("GET", "/v1/templates/" + encode(namespace) + "/" + encode(name) + "/" + encode(version), null, JsonNode.class);
    }

    /** Dead-letter entries, newest first; @param resolutionStatus null for all */
    public JsonNode deadLetters(String resolutionStatus, int limit, int offset) {
        return call("GET", "/v1/dlq?" + (resolutionStatus == null ? "" : "resolution_status=" + encode(resolutionStatus) + "&")
                + "limit=" + limit + "&offset=" + offset, null, JsonNode.class);
    }

    /** The task's newest dead-letter entry, with its snapshot. */
    public JsonNode deadLetter(UUID taskUuid) {
        return call("GET", "/v1/dlq/task/" + taskUuid, null, JsonNode.class);
    }

    /** Records how an investigation stands; null arguments are left as they are. */
    public JsonNode updateDeadLetter(UUID entryUuid, String resolutionStatus, String notes, String resolvedBy, JsonNode metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (resolutionStatus != null) {
            body.put("resolution_status", resolutionStatus);
        }
        if (notes != null) {
            body.put("resolution_notes", notes);
        }
        if (resolvedBy != null) {
            body.put("resolved_by", resolvedBy);
        }
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return call("PATCH", "/v1/dlq/entry/" + entryUuid, body, JsonNode.class);
    }

    public JsonNode deadLetterStats() {
        return call("GET", "/v1/dlq/stats", null, JsonNode.class);
    }

    /** The server's effective configuration, secrets redacted. */
    public JsonNode config() {
        return call("GET", "/config", null, JsonNode.class);
    }

    /** Every health check, named and timed. */
    public JsonNode detailedHealth() {
        return call("GET", "/health/detailed", null, JsonNode.class);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public JsonNode handlers() {
        return call("GET", "/v1/handlers", null, JsonNode.class);
    }

    /** The readiness report; its {@code status} is ready or not_ready (a 503 is an answer here, not an error). */
    public JsonNode health() {
        HttpResponse<String> response = send("GET", "/health/ready", null);
        return read(response.body(), JsonNode.class);
    }

    /** Reads a task again until it has ended or {@code atMost} has passed; {@code onChange} sees each new state. */
    public Task await(UUID taskUuid, Duration atMost, java.util.function.Consumer<Task> onChange) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Task last = null;
        while (true) {
            Task now = task(taskUuid);
            if (last == null || !now.equals(last)) {
                onChange.accept(now);
            }
            last = now;
            if (now.hasEnded() || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(250);
        }
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 400) {
            throw error(response);
        }
        return read(response.body(), type);
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new TaskerApiException(0, "unreachable", "no Tasker server answers at " + base
                    + " (start one with 'tasker serve', or give --url / TASKER_URL)", null);
        } catch (IOException e) {
            throw new UncheckedIOException("the request to " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + base + path, e);
        }
    }

    private static TaskerApiException error(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.has("message")) {
                return new TaskerApiException(response.statusCode(), error.path("code").asText(), error.get("message").asText(),
                        error.get("details"));
            }
        } catch (JsonProcessingException e) {
            // not Tasker's error shape: fall through
        }
        return new TaskerApiException(response.statusCode(), "http_" + response.statusCode(),
                "the server answered " + response.statusCode() + ": " + response.body(), null);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the server's answer is not what this client expects: " + e.getOriginalMessage(), e);
        }
    }

}
