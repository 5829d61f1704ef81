package dev.tasker.host.api;

import dev.tasker.bridge.GuestSettings;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /metrics} in Prometheus text: the engine's meters are there, and move when a task runs. */
class MetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path handlers;
    private static TaskerServer server;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("metrics-handlers");
        Files.writeString(handlers.resolve("steps.mjs"), """
                import { StepHandler, RetryableError } from '@tasker-systems/tasker';
                export class Ok extends StepHandler { call() { return 1; } }
                export class Flaky extends StepHandler {
                  call(c) { if (c.retryCount < 1) throw new RetryableError('not yet'); return 2; }
                }
                """);
        Files.writeString(handlers.resolve("metered.yaml"), """
                name: metered
                namespace_name: metered
                version: 1.0.0
                steps:
                  - { name: ok, handler: { callable: Ok } }
                  - { name: flaky, handler: { callable: Flaky }, dependencies: [ok], retry: { max_attempts: 2, backoff: none } }
                """);
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 1, handlers.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE));
    }

    @AfterAll
    static void stop() {
        server.close();
        TestDatabases.deleteRecursively(handlers);
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);

    /** The value of the sample named {@code name} whose labels include {@code labels} ("k=v" pairs); 0 if absent. */
    private static double value(String metrics, String name, String... labels) {
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            String found = m.group(2) == null ? "" : m.group(2);
            boolean all = m.group(1).equals(name);
            for (String label : labels) {
                String[] kv = label.split("=", 2);
                all &= found.contains(kv[0] + "=\"" + kv[1] + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }

    @Test
    void theEngineMetersArePresentAndMoveWhenATaskRuns() throws Exception {
        String before = scrape();
        assertThat(before).contains("tasker_ready_steps", "tasker_db_pool_active_connections", "tasker_context_pool_busy");
        assertThat(value(before, "tasker_context_pool_size", "language=javascript")).isEqualTo(1);

        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\": \"metered\", \"name\": \"metered\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "tasker_tasks_completed_total", "namespace=metered") >= 1);
        String after = scrape();
        assertThat(value(after, "tasker_tasks_created_total", "namespace=metered")).isEqualTo(1);
        assertThat(value(after, "tasker_step_retries_total", "namespace=metered")).isEqualTo(1);
        assertThat(value(after, "tasker_step_errors_total", "error_type=RetryableError"))
                .isGreaterThan(value(before, "tasker_step_errors_total", "error_type=RetryableError"));
        assertThat(value(after, "tasker_step_duration_seconds_count", "language=javascript", "namespace=metered", "step=flaky"))
                .isEqualTo(2);
    }

    @Test
    void theJvmAndTheProcessHaveTheirMetersToo() throws Exception {
        String metrics = scrape();

        assertThat(value(metrics, "memory_usedHeap_bytes")).isPositive();
        assertThat(value(metrics, "thread_count")).isPositive();
        assertThat(value(metrics, "jvm_uptime_seconds")).isPositive();
        assertThat(metrics).contains("gc_total");
        assertThat(value(metrics, "process_cpu_seconds_total")).isPositive();
        assertThat(value(metrics, "process_resident_memory_bytes")).isGreaterThan(value(metrics, "memory_usedHeap_bytes"));
        assertThat(value(metrics, "process_open_fds")).isPositive();
        assertThat(value(metrics, "process_start_time_seconds") * 1000).isLessThan(System.currentTimeMillis());
    }
}
