package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP client of API handlers, in every language: JSON in and out. 429 and 5xx are
 * {@link RetryableError}s honouring {@code Retry-After}; other 4xx are {@link PermanentError}s; a refused
 * connection or a timeout is retryable.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A 2xx or 3xx answer: its status, headers (first value of each) and body (JSON when it parses, else text). */
    public record Response(int status, Map<String, String> headers, JsonNode body) {

        public JsonNode toJson() {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("status", status);
            out.set("headers", Json.toTree(headers));
            out.set("body", body);
            return out;
        }
    }

    private ApiClient() {
    }

    /**
     * @param body    sent as JSON; null for none
     * @param timeout for the whole exchange
     */
    public static Response send(String method, String url, Map<String, String> headers, JsonNode body, Duration timeout)
            throws InterruptedException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            throw new PermanentError("'" + url + "' is not a URL an API handler can call: " + e.getMessage());
        }
        headers.forEach(request::header);
        if (body != null && !body.isNull()) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RetryableError(method + " " + url + " timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new RetryableError(method + " " + url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetryableError(method + " " + url + " answered " + status + summary(response.body()), retryAfter(response));
        }
        if (status >= 400) {
            throw new PermanentError(method + " " + url + " answered " + status + summary(response.body()));
        }
        Map<String, String> first = new java.util.TreeMap<>();
        response.headers().map().forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.getFirst()));
        return new Response(status, first, parse(response.body()));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(body);
        }
    }

    private static String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }
}
