package dev.tasker.host.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
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

import static org.assertj.core.api.Assertions.assertThat;

class HealthEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void whileStartingTheServerIsAliveButNotReady() throws Exception {
        WebServerConfig.Builder builder = WebServer.builder().port(0);
        TaskerServer.setup(builder, new Readiness(), new dev.tasker.host.api.ApiState(), TaskerConfig.ApiConfig.DEFAULT);
        WebServer server = builder.build().start();
        try {
            assertThat(get(server.port(), "/health/live").statusCode()).isEqualTo(200);

            HttpResponse<String> ready = get(server.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = Json.read(ready.body());
            assertThat(body.get("status").asText()).isEqualTo("not_ready");
            assertThat(body.get("checks").get("web_database").get("status").asText()).isEqualTo("unhealthy");
            assertThat(body.get("checks").get("web_database").get("message").asText()).startsWith("starting");
            assertThat(body.get("info").get("operational_state").asText()).isEqualTo("startup");
        } finally {
            server.stop();
        }
    }

    @Test
    void onceTheDatabaseIsMigratedAndHandlersLoadedTheServerIsReady() throws Exception {
        Path handlers = Files.createTempDirectory("handlers");
        Files.writeString(handlers.resolve("step.rb"), "class Step; end\n");
        Files.writeString(handlers.resolve("flow.yaml"), "name: flow\n");
        TaskerConfig config = new TaskerConfig("127.0.0.1", 0,
                TestDatabases.settings(TestDatabases.newSchemaName()), List.of(handlers), Duration.ofSeconds(5),
                TaskerConfig.WorkerConfig.DEFAULT, GuestSettings.defaults(handlers.resolve(".tasker")), "test", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE);

        try (TaskerServer server = TaskerServer.start(config)) {
            HttpResponse<String> ready = get(server.port(), "/health/ready");

            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode checks = Json.read(ready.body()).get("checks");
            assertThat(checks.get("orchestration_database").get("status").asText()).isEqualTo("healthy");
            assertThat(checks.get("orchestration_database").get("message").asText())
                    .contains("(schema " + config.database().schema());
            assertThat(checks.get("handlers").get("message").asText())
                    .startsWith("1 Ruby, 0 Python, 0 TypeScript, 0 JavaScript handler files; 1 template files");
            assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
        } finally {
            TestDatabases.deleteRecursively(handlers);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
