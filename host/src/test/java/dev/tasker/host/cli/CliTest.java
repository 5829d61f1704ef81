package dev.tasker.host.cli;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each {@code tasker} command against a running server. */
class CliTest {

    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("cli-handlers");
        Files.writeString(handlers.resolve("math.mjs"), """
                import { StepHandler, PermanentError } from '@tasker-systems/tasker';
                export class Square extends StepHandler { call(c) { return c.getInput('n') ** 2; } }
                export class AddTen extends StepHandler {
                  call(c) {
                    if (c.getInput('refuse')) throw new PermanentError('refusing to add');
                    return c.getDependencyResult('square') + 10;
                  }
                }
                export class Slow extends StepHandler {
                  call() { const until = Date.now() + 3000; while (Date.now() < until) {} return 1; }
                }
                """);
        Files.writeString(handlers.resolve("linear.yaml"), """
                name: linear
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: square, handler: { callable: Square } }
                  - { name: add_ten, handler: { callable: AddTen }, dependencies: [square], retry: { max_attempts: 1 } }
                """);
        Files.writeString(handlers.resolve("slow.yaml"), """
                name: slow
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: slow, handler: { callable: Slow } }
                  - { name: after, handler: { callable: Square }, dependencies: [slow] }
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 2, handlers.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE,
                new TaskerConfig.DlqConfig(Duration.ofSeconds(1), dev.tasker.core.dlq.StalenessThresholds.DEFAULT)));
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run tasker(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TaskerCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString().strip(), err.toString().strip());
    }

    private static Run onServer(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--url", "http://127.0.0.1:" + server.port())).toArray(String[]::new);
        return tasker(all);
    }

    @Test
    void createWatchGetListAndStepsOfATaskThatCompletes() {
        Run created = onServer("task", "create", "math/linear", "--context", "{\"n\": 6}");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String uuid = created.out();

        Run watch = onServer("task", "watch", uuid);
        assertThat(watch.exitCode()).isZero();
        assertThat(watch.out()).endsWith("[##############################] 2/2 steps  complete");

        Run get = onServer("task", "get", uuid, "--output", "json");
        assertThat(Json.read(get.out()).get("steps").get(1).get("result").asInt()).isEqualTo(46);
        assertThat(onServer("task", "get", uuid).out()).contains("math/linear@1.0.0  complete  2/2 steps (all_complete)");
        assertThat(onServer("task", "steps", uuid).out().lines()).hasSize(2).anySatisfy(l -> assertThat(l).contains("add_ten").contains("result 46"));
        assertThat(onServer("task", "list", "--namespace", "math").out()).contains(uuid);
    }

    @Test
    void watchingATaskThatFailsExitsTwoAndShowsTheErrorAndAStepCanBeCompletedByHand() {
        String uuid = onServer("task", "create", "math/linear", "-c", "{\"n\": 1, \"refuse\": true}").out();

        Run watch = onServer("task", "watch", uuid);

        assertThat(watch.exitCode()).isEqualTo(2);
        assertThat(watch.out()).contains("blocked_by_failures").contains("PermanentError: refusing to add");
        String step = Json.read(onServer("task", "steps", uuid, "-o", "json").out()).get(1).get("step_uuid").asText();
        assertThat(onServer("task", "complete-step", uuid, step, "--result", "11").exitCode()).isZero();
        assertThat(onServer("task", "watch", uuid).exitCode()).isZero();
    }

    @Test
    void resetAndResolveAFailedStepByItsName() {
        String uuid = onServer("task", "create", "math/linear", "-c", "{\"n\": 2, \"refuse\": true}").out();
        onServer("task", "watch", uuid);

        assertThat(onServer("task", "reset-step", uuid, "add_ten").exitCode()).isZero();
        assertThat(onServer("task", "watch", uuid).exitCode()).isEqualTo(2);
        Run resolved = onServer("task", "resolve-step", uuid, "add_ten", "--reason", "looked at it");
        assertThat(resolved.out()).contains("add_ten").contains("resolved_manually");
        assertThat(onServer("task", "watch", uuid).exitCode()).isZero();
        assertThat(onServer("task", "step-audit", uuid, "add_ten").out()).contains("resolve_manually: looked at it");

        Run unknown = onServer("task", "reset-step", uuid, "add_eleven");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("tasker: task " + uuid + " has no step named 'add_eleven'; its steps: square, add_ten");
    }

    @Test
    void operatorCommandsShowTheAuditTheGraphAndTheDeadLetterQueue() {
        String uuid = onServer("task", "create", "math/linear", "-c", "{\"n\": 3, \"refuse\": true}").out();
        assertThat(onServer("task", "watch", uuid).exitCode()).isEqualTo(2);
        String step = Json.read(onServer("task", "steps", uuid, "-o", "json").out()).get(1).get("step_uuid").asText();

        Run audit = onServer("task", "step-audit", uuid, step);
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        assertThat(audit.out().lines()).hasSize(3).last().asString().contains("in_progress  -> error").contains("FAILED");

        Run graph = onServer("task", "visualize", uuid);
        assertThat(graph.out()).contains("flowchart TD", "s0[\"square<br/><small>complete</small>\"]:::complete",
                "s1[\"add_ten<br/><small>error</small>\"]:::error", "s0 --> s1");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> onServer("dlq", "get", uuid).exitCode() == 0);
        Run entry = onServer("dlq", "get", uuid);
        assertThat(entry.out()).contains("MaxRetriesExceeded", "Pending", "add_ten", "refusing to add");
        String entryUuid = entry.out().substring(0, 36);
        assertThat(onServer("dlq", "list", "--status", "pending").out()).contains(entryUuid);
        Run updated = onServer("dlq", "update", entryUuid, "--status", "manually_resolved", "--notes", "checked",
                "--resolved-by", "me", "--metadata", "{\"ticket\": 7}");
        assertThat(updated.out()).isEqualTo("investigation " + entryUuid + " is ManuallyResolved");
        assertThat(onServer("dlq", "stats").out()).contains("MaxRetriesExceeded");
        Run bad = onServer("dlq", "update", entryUuid, "--status", "done");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).startsWith("tasker: 'resolution_status' must be one of Pending, ManuallyResolved");
    }

    @Test
    void systemAndConfigCommandsAskTheRunningServer() {
        Run health = onServer("system", "health");
        assertThat(health.out()).contains("queue_depth: healthy", "channel_saturation: healthy", "version 0.1.0, environment test");
        Run info = onServer("system", "info");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).startsWith("Tasker 0.1.0 (test) at http://127.0.0.1:" + server.port())
                .contains("schema " + server.database().schema()).contains("API keys   0");
        Run show = onServer("config", "show");
        assertThat(Json.read(show.out()).get("tasker").get("worker").get("concurrency").asInt()).isEqualTo(16);
    }

    @Test
    void cancelARunningTask() {
        String uuid = onServer("task", "create", "math/slow").out();

        Run cancel = onServer("task", "cancel", uuid);

        assertThat(cancel.exitCode()).isZero();
        assertThat(cancel.out()).contains("cancelled");
        assertThat(onServer("task", "watch", uuid).exitCode()).isEqualTo(3);
    }

    @Test
    void templatesHealthAndConfig() {
        assertThat(onServer("template", "list").out()).contains("math/linear@1.0.0  2 steps");
        Run health = onServer("health");
        assertThat(health.exitCode()).isZero();
        assertThat(health.out()).startsWith("ready").contains("web_database: healthy (");
        Run config = tasker("config", "validate");
        assertThat(config.exitCode()).isZero();
        assertThat(config.out()).startsWith("OK: port 8080");
    }

    @Test
    void configValidateHidesEveryFormOfPassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("tasker.yaml");
        java.nio.file.Files.writeString(file, """
                tasker:
                  database:
                    url: postgresql://app@db.example:5433/work?password=s3cret&sslmode=require
                """);

        Run config = tasker("config", "validate", "--config", file.toString());

        assertThat(config.exitCode()).isZero();
        assertThat(config.out()).contains("database postgresql://app:***@db.example:5433/work").doesNotContain("s3cret");
    }

    @Test
    void errorsAreOneLineWithExitCodeOne() {
        Run unknown = onServer("task", "create", "math/nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("tasker: no template math/nope is registered; see GET /v1/templates for the ones that are");

        Run unreachable = tasker("task", "list", "--url", "http://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).isEqualTo("tasker: no Tasker server answers at http://127.0.0.1:1 "
                + "(start one with 'tasker serve', or give --url / TASKER_URL)");

        Run notUuid = onServer("task", "get", "nope");
        assertThat(notUuid.exitCode()).isEqualTo(1);
        assertThat(notUuid.err()).isEqualTo("tasker: 'nope' is not a task UUID");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : List.of(new String[]{"--help"}, new String[]{"task", "--help"}, new String[]{"task", "watch", "--help"},
                new String[]{"template", "validate", "--help"}, new String[]{"handler", "new", "--help"}, new String[]{"health", "--help"},
                new String[]{"dlq", "update", "--help"}, new String[]{"system", "info", "--help"},
                new String[]{"task", "visualize", "--help"}, new String[]{"config", "show", "--help"})) {
            Run help = tasker(command);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: tasker");
        }
    }
}
