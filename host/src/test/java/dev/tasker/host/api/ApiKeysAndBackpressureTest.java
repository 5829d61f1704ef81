package dev.tasker.host.api;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A server with an API key, whose worker serves another namespace, so the steps of "math" pile up. */
class ApiKeysAndBackpressureTest {

    private static final String KEY = "s3cret-key-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("keys-handlers");
        Files.writeString(handlers.resolve("noop.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Noop extends StepHandler { call() { return true; } }
                """);
        Files.writeString(handlers.resolve("one.yaml"), """
                name: one
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: only, handler: { callable: Noop } }
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), new TaskerConfig.WorkerConfig(4, List.of("elsewhere")),
                new GuestSettings(1, 1, 1, handlers.resolve(".ts-cache")), "test",
                TaskerConfig.ApiConfig.DEFAULT.withKeys(List.of("other-key", KEY)).withMaxReadySteps(2), TaskerConfig.EventsConfig.NONE));
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAKeyTheApiAnswers401AndHealthStaysPublic() throws Exception {
        HttpResponse<String> refused = send("GET", "/v1/templates", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(Json.read(refused.body()).get("error").get("message").asText())
                .isEqualTo("this server needs an API key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
        assertThat(send("GET", "/v1/templates", null, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

        assertThat(send("GET", "/v1/templates", null, "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/handlers", null, "X-API-Key", KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send("GET", "/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).doesNotContain("postgresql://").doesNotContain("schema").doesNotContain("/tmp");
        assertThat(send("GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBackedUpQueueAnswers503WithRetryAfter() {
        AtomicInteger n = new AtomicInteger();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> response = send("POST", "/v1/tasks", "{\"namespace\": \"math\", \"name\": \"one\", "
                    + "\"context\": {\"n\": " + n.incrementAndGet() + "}}", "X-API-Key", KEY);
            if (response.statusCode() == 201) {
                return false;
            }
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).hasValue("5");
            assertThat(Json.read(response.body()).get("error").get("message").asText())
                    .isEqualTo("more than 2 steps are waiting to run (tasker.api.max-ready-steps); retry after 5 seconds");
            return true;
        });
        assertThat(n.get()).isGreaterThan(2);
    }
}
