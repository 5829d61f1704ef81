package dev.tasker.host.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tasker serve} loads the guest handler files of its directories and runs them. */
class ServeGuestHandlersTest {

    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("serve-handlers");
        Files.writeString(handlers.resolve("square.rb"), """
                class Square < TaskerCore::StepHandler::Base
                  def call(context) = success(result: context.get_input(:n)**2)
                end
                """);
        Files.writeString(handlers.resolve("add_ten.ts"), """
                import { StepHandler, StepContext } from '@tasker-systems/tasker';
                export class AddTen extends StepHandler {
                  call(context: StepContext): number { return (context.getDependencyResult('square') as number) + 10; }
                }
                """);
        Files.writeString(handlers.resolve("broken.mjs"), "export class Broken {\n  call() { return 1 +; }\n}\n");
        Files.writeString(handlers.resolve("square_then_add.yaml"), """
                name: square_then_add
                namespace_name: math
                version: 1.0.0
                description: Ruby squares, TypeScript adds ten
                steps:
                  - { name: square, handler: { callable: Square } }
                  - { name: add_ten, handler: { callable: ts:AddTen }, dependencies: [square] }
                """);
        TaskerConfig config = new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 2, handlers.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE);
        server = TaskerServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    @Test
    void readinessNamesTheLanguagesStartedAndTheFileThatDidNotLoad() throws Exception {
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("ruby: 2 callables, 1 context;") // Square and its handler_name, square
                .contains("javascript: 1 callable, 2 contexts")
                .doesNotContain("python:")
                .contains(handlers.toRealPath().resolve("broken.mjs") + ":2: SyntaxError: Expected an operand but found ;");
    }

    @Test
    void theTemplateOfTheDirectoryRunsOnTheLoadedRubyAndTypeScriptHandlers() {
        UUID task = server.engine().tasks().create(TaskRequest.of("math", "square_then_add", Json.read("{\"n\": 6}")));

        await().atMost(Duration.ofSeconds(30)).until(() -> server.engine().queries().task(task).orElseThrow().state().isTerminal());
        TaskView done = server.engine().queries().task(task).orElseThrow();
        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("add_ten").orElseThrow().result().asInt()).isEqualTo(46);
    }

    @Test
    void templatesAreListedAndShownAndAnUnknownOneIs404() throws Exception {
        JsonNode list = Json.read(get("/v1/templates").body());
        assertThat(list.get("templates")).singleElement().satisfies(t -> {
            assertThat(t.get("namespace").asText()).isEqualTo("math");
            assertThat(t.get("name").asText()).isEqualTo("square_then_add");
            assertThat(t.get("version").asText()).isEqualTo("1.0.0");
            assertThat(t.get("steps").get(1).get("callable").asText()).isEqualTo("ts:AddTen");
            assertThat(t.get("steps").get(1).get("dependencies").get(0).asText()).isEqualTo("square");
        });

        HttpResponse<String> one = get("/v1/templates/math/square_then_add/1.0.0");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.read(one.body()).get("description").asText()).isEqualTo("Ruby squares, TypeScript adds ten");

        HttpResponse<String> missing = get("/v1/templates/math/square_then_add/9.9.9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.read(missing.body()).get("error").get("message").asText())
                .isEqualTo("No template math/square_then_add@9.9.9 is registered; GET /v1/templates lists them");
    }

    @Test
    void handlersAreListedWithLanguageAndFileAndTheFileThatDidNotLoad() throws Exception {
        JsonNode body = Json.read(get("/v1/handlers").body());

        assertThat(body.get("handlers").toString())
                .contains("{\"callable\":\"AddTen\",\"language\":\"javascript\",\"files\":[\"" + handlers.toRealPath().resolve("add_ten.ts") + "\"]}")
                .contains("{\"callable\":\"Square\",\"language\":\"ruby\",\"files\":[\"" + handlers.toRealPath().resolve("square.rb") + "\"]}");
        assertThat(body.get("languages").get("ruby").get("contexts").asInt()).isEqualTo(1);
        assertThat(body.get("problems")).singleElement().asString().contains("broken.mjs:2: SyntaxError");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
