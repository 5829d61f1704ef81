package dev.tasker.host.server;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;
import dev.tasker.core.template.TemplateParser;
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
        TaskerConfig config = new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 2, handlers.resolve(".ts-cache")), "test");
        server = TaskerServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    @Test
    void readinessNamesTheLanguagesStartedAndTheFileThatDidNotLoad() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"ruby\":\"1 callable, 1 context\"")
                .contains("\"javascript\":\"1 callable, 2 contexts\"")
                .doesNotContain("\"python\"")
                .contains(handlers.toRealPath().resolve("broken.mjs") + ":2: SyntaxError: Expected an operand but found ;");
    }

    @Test
    void aTaskRunsOnTheLoadedRubyAndTypeScriptHandlers() {
        server.engine().store().registerTemplate(new TemplateParser("test", callable -> true).parse("""
                name: square_then_add
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: square, handler: { callable: Square } }
                  - { name: add_ten, handler: { callable: ts:AddTen }, dependencies: [square] }
                """, "square_then_add.yaml"));
        UUID task = server.engine().tasks().create(TaskRequest.of("math", "square_then_add", Json.read("{\"n\": 6}")));

        await().atMost(Duration.ofSeconds(30)).until(() -> server.engine().queries().task(task).orElseThrow().state().isTerminal());
        TaskView done = server.engine().queries().task(task).orElseThrow();
        assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(done.step("add_ten").orElseThrow().result().asInt()).isEqualTo(46);
    }
}
