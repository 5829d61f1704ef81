package dev.tasker.starter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.client.Task;
import dev.tasker.client.TaskerClient;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.cli.TaskerCommand;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tasker init} writes a project whose own {@code mvn test} passes offline, and {@code serve} runs its handlers. */
class InitProjectTest {

    private static int init(String... args) {
        StringWriter out = new StringWriter();
        var cli = TaskerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(Stream.concat(Stream.of("init"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void theGeneratedProjectsTestsPassWithItsOwnMavenBuildOffline(@TempDir Path parent) throws Exception {
        Path project = parent.resolve("greeter");
        assertThat(init(project.toString())).isZero();

        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "-q", "test"));
        String localRepository = System.getProperty("tasker.localRepository");
        if (localRepository != null && !localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        ProcessBuilder build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(parent.resolve("mvn.log").toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process mvn = build.start();
        assertThat(mvn.waitFor(10, TimeUnit.MINUTES)).as("mvn test finished within 10 minutes").isTrue();

        String log = Files.readString(parent.resolve("mvn.log"));
        assertThat(mvn.exitValue()).as("mvn test in the generated project:\n%s", tail(log)).isZero();
        assertThat(report(project, "HandlersTest")).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(report(project, "GreetingWorkflowTest")).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    }

    @Test
    void serveRunsTheGeneratedHandlersInTheOrderChosen(@TempDir Path parent) throws Exception {
        Path project = parent.resolve("Order Service");
        assertThat(init(project.toString(), "--languages", "ts,rb", "--group-id", "org.acme.orders")).isZero();
        assertThat(project.resolve("src/test/java/org/acme/orders/HandlersTest.java")).exists();
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<artifactId>order-service</artifactId>",
                "<artifactId>tasker-bom</artifactId>");

        TaskerConfig config = new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(project.resolve("handlers")), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 1, parent.resolve("ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT,
                TaskerConfig.EventsConfig.NONE);
        try (TaskerServer server = TaskerServer.start(config)) {
            assertThat(server.loadProblems()).isEmpty();
            TaskerClient client = new TaskerClient(URI.create("http://127.0.0.1:" + server.port()), null);
            Task created = client.createTask(dev.tasker.client.NewTask.of("order_service", "greeting",
                    Json.read("{\"who\": \"Grace\"}")));
            Task done = client.await(created.taskUuid(), Duration.ofSeconds(60), t -> { });

            assertThat(done.status()).isEqualTo("complete");
            JsonNode last = done.step("greet_in_ruby").orElseThrow().result();
            assertThat(last.get("greeting").asText()).isEqualTo("hello Grace");
            assertThat(last.get("languages")).extracting(JsonNode::asText).containsExactly("typescript", "ruby");
        }
    }

    @Test
    void aFolderWithFilesOrAnUnknownLanguageIsRefused(@TempDir Path parent) throws IOException {
        Files.writeString(parent.resolve("taken.txt"), "x");
        assertThat(init(parent.toString())).isEqualTo(2);
        assertThat(init(parent.resolve("new").toString(), "--languages", "rb,go")).isEqualTo(2);
        assertThat(parent.resolve("new")).doesNotExist();
    }

    private static String report(Path project, String testClass) throws IOException {
        Path report;
        try (var files = Files.list(project.resolve("target/surefire-reports"))) {
            report = files.filter(f -> f.getFileName().toString().endsWith(testClass + ".txt")).findFirst().orElseThrow();
        }
        return Files.readString(report);
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
