package dev.tasker.host.cli;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tasker handler new} writes files that a server loads and runs as they are. */
class HandlerNewCommandTest {

    @Test
    void eachLanguagesNewHandlerLoadsAndRuns() throws Exception {
        Path dir = Files.createTempDirectory("handler-new").toRealPath();
        try {
            for (String language : List.of("rb", "py", "ts", "js")) {
                CliTest.Run run = CliTest.tasker("handler", "new", "--language", language, "greet_in_" + language, "--dir", dir.toString());
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).startsWith("wrote " + dir.resolve("greet_in_" + language + (language.equals("js") ? ".mjs" : "." + language)));
            }
            CliTest.Run again = CliTest.tasker("handler", "new", "-l", "rb", "greet_in_rb", "-d", dir.toString());
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).startsWith(dir.resolve("greet_in_rb.rb") + " exists already");

            try (TaskerServer server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0,
                    TestDatabases.settings(TestDatabases.newSchemaName()), List.of(dir), Duration.ofSeconds(5),
                    TaskerConfig.WorkerConfig.DEFAULT, new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test",
                    TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE))) {
                assertThat(server.engine().store().currentTemplates()).hasSize(4);
                for (String language : List.of("rb", "py", "ts", "js")) {
                    UUID task = server.engine().tasks().create(TaskRequest.of("default", "greet_in_" + language,
                            Json.read("{\"who\": \"" + language + "\"}")));
                    await().atMost(Duration.ofSeconds(30)).until(() -> server.engine().queries().task(task).orElseThrow().state().isTerminal());
                    TaskView done = server.engine().queries().task(task).orElseThrow();
                    assertThat(done.state()).as(language).isEqualTo(TaskState.COMPLETE);
                    assertThat(done.steps().getFirst().result().get("greeting").asText()).isEqualTo("hello " + language);
                }
            }
        } finally {
            TestDatabases.deleteRecursively(dir);
        }
    }
}
