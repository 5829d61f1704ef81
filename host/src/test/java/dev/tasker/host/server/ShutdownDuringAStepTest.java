package dev.tasker.host.server;

import dev.tasker.core.engine.StepView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.StepState;
import dev.tasker.db.Database;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.store.PgTaskQueries;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM while a step runs: nothing is lost, and the process exits 0. */
class ShutdownDuringAStepTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Path handlers;
    private DatabaseSettings database;

    @BeforeEach
    void setUp() throws IOException {
        handlers = Files.createTempDirectory("shutdown-handlers");
        Files.writeString(handlers.resolve("slow.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Slow extends StepHandler {
                  call(c) { const until = Date.now() + c.getInput('busy_ms'); while (Date.now() < until) {} return 'done'; }
                }
                export class After extends StepHandler { call(c) { return c.getDependencyResult('slow') + ' and after'; } }
                """);
        Files.writeString(handlers.resolve("slow.yaml"), """
                name: slow
                namespace_name: shutdown
                version: 1.0.0
                steps:
                  - { name: slow, handler: { callable: Slow } }
                  - { name: after, handler: { callable: After }, dependencies: [slow] }
                """);
        database = TestDatabases.settings(TestDatabases.newSchemaName());
    }

    @AfterEach
    void tearDown() {
        TestDatabases.deleteRecursively(handlers);
    }

    private Process serve(int port, int graceSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--handlers", handlers.toString())
                .redirectErrorStream(true).redirectOutput(handlers.resolve("serve-" + port + ".log").toFile());
        pb.environment().put("TASKER_DATABASE_URL", database.url());
        pb.environment().put("TASKER_DATABASE_SCHEMA", database.schema());
        pb.environment().put("TASKER_PORT", Integer.toString(port));
        pb.environment().put("TASKER_SHUTDOWN_GRACE_SECONDS", Integer.toString(graceSeconds));
        pb.environment().put("TASKER_HOME", handlers.resolve(".tasker").toString());
        return pb.start();
    }

    private static HttpResponse<String> send(int port, String method, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return send(port, "GET", "/health/ready", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private StepView step(UUID task, String name) {
        try (Database db = Database.open(database)) {
            return new PgTaskQueries(db.dataSource()).task(task).orElseThrow().step(name).orElseThrow();
        }
    }

    @Test
    void aStepLongerThanTheGraceIsHandedBackAndTheNextWorkerFinishesTheTask() throws Exception {
        int first = freePort();
        Process serve = serve(first, 1);
        UUID task;
        try {
            awaitReady(first);
            task = UUID.fromString(Json.read(send(first, "POST", "/v1/tasks",
                    "{\"namespace\": \"shutdown\", \"name\": \"slow\", \"context\": {\"busy_ms\": 6000}}").body()).get("task_uuid").asText());
            await().atMost(Duration.ofSeconds(20)).until(() -> Json.read(send(first, "GET", "/v1/tasks/" + task, null).body())
                    .get("steps").get(0).get("current_state").asText().equals("in_progress"));

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
        } finally {
            serve.destroyForcibly();
        }
        StepView handedBack = step(task, "slow");
        assertThat(handedBack.state()).isEqualTo(StepState.PENDING);

        int second = freePort();
        Process again = serve(second, 30);
        try {
            awaitReady(second);
            await().atMost(Duration.ofSeconds(40)).until(() -> Json.read(send(second, "GET", "/v1/tasks/" + task, null).body())
                    .get("status").asText().equals("complete"));
            assertThat(step(task, "after").result().asText()).isEqualTo("done and after");
            again.destroy();
            assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
        } finally {
            again.destroyForcibly();
        }
    }

    @Test
    void aStepShorterThanTheGraceFinishesBeforeTheProcessExits() throws Exception {
        int port = freePort();
        Process serve = serve(port, 20);
        try {
            awaitReady(port);
            UUID task = UUID.fromString(Json.read(send(port, "POST", "/v1/tasks",
                    "{\"namespace\": \"shutdown\", \"name\": \"slow\", \"context\": {\"busy_ms\": 2000}}").body()).get("task_uuid").asText());
            await().atMost(Duration.ofSeconds(20)).until(() -> Json.read(send(port, "GET", "/v1/tasks/" + task, null).body())
                    .get("steps").get(0).get("current_state").asText().equals("in_progress"));

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
            StepView slow = step(task, "slow");
            assertThat(slow.state()).isEqualTo(StepState.COMPLETE);
            assertThat(slow.result().asText()).isEqualTo("done");
        } finally {
            serve.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
