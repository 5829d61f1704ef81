package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.Readiness;
import dev.tasker.host.server.TaskerServer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {

    private static List<String> documented() {
        List<String> shapes = new ArrayList<>();
        JsonNode paths = OpenApiService.tree().get("paths");
        paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                shapes.add(method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}"));
            }
        }));
        return shapes;
    }

    @Test
    void everyRouteTheServerAnswersIsDocumentedAndEveryDocumentedRouteIsServed() {
        List<String> served = new ApiRoutes(new ApiState(), TaskerConfig.ApiConfig.DEFAULT).shapes();

        assertThat(documented()).containsExactlyInAnyOrderElementsOf(served);
        assertThat(served).contains("POST /v1/tasks", "PATCH /v1/tasks/{}/workflow_steps/{}", "GET /v1/handlers");
    }

    @Test
    void theDocumentIsServedAsYamlAndAsJson() throws Exception {
        WebServerConfig.Builder builder = WebServer.builder().port(0);
        TaskerServer.setup(builder, new Readiness(), new ApiState(), TaskerConfig.ApiConfig.DEFAULT);
        WebServer server = builder.build().start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/openapi");
            HttpResponse<String> yaml = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(yaml.statusCode()).isEqualTo(200);
            assertThat(yaml.body()).startsWith("openapi: 3.1.0");

            HttpResponse<String> json = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.read(json.body()).get("paths").has("/v1/tasks/{uuid}/workflow_steps/{step_uuid}/audit")).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void theResponseSchemasRefuseABodyMissingWhatTaskersClientsRead() {
        JsonNode taskResponse = DocumentedResponses.documented("GET", "/v1/tasks/{uuid}", 200);
        JsonNode withoutCorrelation = Json.read("""
                {"task_uuid": "01a23b0e-0698-7f3f-b0ac-84f7c355c612", "name": "n", "namespace": "ns", "version": "1.0.0",
                 "status": "complete", "created_at": "2026-12-03T08:00:00.000000Z", "updated_at": "2026-12-03T08:00:00.000000Z",
                 "context": {}, "initiator": "i", "source_system": "s", "reason": "r", "total_steps": 0, "pending_steps": 0,
                 "in_progress_steps": 0, "completed_steps": 0, "failed_steps": 0, "ready_steps": 0,
                 "execution_status": "all_complete", "recommended_action": "finalize_task", "completion_percentage": 100,
                 "health_status": "healthy", "steps": []}""");

        assertThat(DocumentedResponses.problems(taskResponse, withoutCorrelation)).singleElement().asString()
                .contains("correlation_id");
        assertThat(DocumentedResponses.problems(DocumentedResponses.documented("GET", "/v1/tasks/{uuid}/workflow_steps", 200),
                Json.read("{\"steps\": []}"))).isNotEmpty();
    }
}
