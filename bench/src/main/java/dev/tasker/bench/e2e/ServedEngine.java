package dev.tasker.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;
import dev.tasker.db.DatabaseUrl;
import dev.tasker.db.embedded.EmbeddedPostgresServer;
import dev.tasker.db.embedded.ThrowawayPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./tasker serve} in its own process, as a user runs it (the launcher, its JIT and heap defaults, its
 * configuration), serving the benchmark's handler folder; driven only through the REST API, as a client drives it.
 * Tasks of namespace {@code bench} run; those of {@link #IDLE_NAMESPACE} are only created.
 */
public final class ServedEngine implements AutoCloseable {

    public static final String IDLE_NAMESPACE = "bench_idle";
    private static final Pattern COMPLETED = Pattern.compile(
            "^tasker_tasks_completed_total\\{[^}]*namespace=\"bench\"[^}]*}\\s+([0-9.E+]+)", Pattern.MULTILINE);
    private static final Duration POLL = Duration.ofMillis(2);

    /** When a task was created and ended, by the server's clock, and whether it completed. */
    public record Ended(Instant createdAt, Instant endedAt, boolean complete) {
        public double millis() {
            return Duration.between(createdAt, endedAt).toNanos() / 1e6;
        }
    }

    private final Process process;
    private final int port;
    private final Path workDir;
    private final EmbeddedPostgresServer embedded;
    private final DatabaseUrl url;
    private final String schema;
    private double secondsToReady;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong submitted = new AtomicLong();

    private ServedEngine(Process process, int port, Path workDir, EmbeddedPostgresServer embedded, DatabaseUrl url,
                         String schema) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.embedded = embedded;
        this.url = url;
        this.schema = schema;
    }

    /**
     * @param root        the repository, whose {@code ./tasker} runs the server and whose bench classes hold the Java handlers
     * @param databaseUrl null: an embedded PostgreSQL with its default (durable) settings, in a temporary directory
     */
    public static ServedEngine start(Path root, String databaseUrl) throws Exception {
        Path workDir = Files.createTempDirectory("tasker-bench");
        Path handlers = writeHandlers(Files.createDirectories(workDir.resolve("handlers")));
        EmbeddedPostgresServer embedded = databaseUrl == null ? EmbeddedPostgresServer.start(workDir.resolve("postgres")) : null;
        DatabaseUrl url = DatabaseUrl.parse(embedded != null ? embedded.jdbcUrl() : databaseUrl);
        String schema = "bench_" + System.currentTimeMillis();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("tasker").toString(), "serve", "--port", Integer.toString(port),
                "--handlers", handlers.toString(), "--classpath", root.resolve("bench/target/classes").toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("serve.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TASKER_DATABASE_URL", url.jdbcUrl());
        env.put("TASKER_DATABASE_SCHEMA", schema);
        env.put("TASKER_HOME", workDir.resolve("home").toString());
        env.put("TASKER_WORKER_NAMESPACES", "bench");
        long start = System.nanoTime();
        Process process = builder.start();
        ServedEngine engine = new ServedEngine(process, port, workDir, embedded, url, schema);
        try {
            engine.awaitReady();
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
        engine.secondsToReady = (System.nanoTime() - start) / 1e9;
        return engine;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path writeHandlers(Path dir) throws IOException {
        for (Language language : Language.values()) {
            if (language.file() != null) {
                Files.writeString(dir.resolve(language.file()), language.source());
            }
            for (Shape shape : Shape.values()) {
                Files.writeString(dir.resolve(shape.templateName(language) + ".yaml"), shape.template(language));
            }
        }
        Files.writeString(dir.resolve("idle.yaml"), Shape.LINEAR_10.template(Language.JAVA)
                .replace("namespace_name: bench\n", "namespace_name: " + IDLE_NAMESPACE + "\n"));
        return dir;
    }

    private void awaitReady() throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("tasker serve exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tasker serve was not ready within 10 minutes:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** POST /v1/tasks of the shape's template in {@code language}; answers the task's UUID. */
    public UUID submit(Shape shape, Language language) throws Exception {
        return create("bench", shape.templateName(language));
    }

    /** POST /v1/tasks with a new context each time (equal requests would be one task). */
    public UUID create(String namespace, String template) throws Exception {
        String body = "{\"namespace\": \"" + namespace + "\", \"name\": \"" + template + "\", \"version\": \"1.0.0\", "
                + "\"context\": {\"n\": 0, \"i\": " + submitted.incrementAndGet() + "}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/tasks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /v1/tasks answered " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(Json.MAPPER.readTree(response.body()).get("task_uuid").asText());
    }

    /** Polls GET /v1/tasks/{uuid} until the task has ended or is blocked. */
    public Ended awaitEnd(UUID task, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        HttpRequest get = HttpRequest.newBuilder(uri("/v1/tasks/" + task)).build();
        while (System.nanoTime() < deadline) {
            JsonNode t = Json.MAPPER.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
            String status = t.path("status").asText();
            if (status.equals("complete") || status.equals("error") || status.equals("cancelled")) {
                JsonNode end = t.path("completed_at").isNull() ? t.path("updated_at") : t.path("completed_at");
                return new Ended(instant(t.path("created_at").asText()), instant(end.asText()), status.equals("complete"));
            }
            Thread.sleep(POLL);
        }
        throw new IllegalStateException("task " + task + " had not ended after " + atMost.toSeconds() + " s");
    }

    private static Instant instant(String text) {
        return Instant.parse(text.endsWith("Z") ? text : text + "Z");
    }

    /** Tasks of namespace {@code bench} completed since the server started, from {@code GET /metrics}. */
    public long tasksCompleted() throws Exception {
        String text = http.send(HttpRequest.newBuilder(uri("/metrics?name=tasker_tasks_completed")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = COMPLETED.matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU seconds the server process has used. */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    public double secondsToReady() {
        return secondsToReady;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public DatabaseUrl url() {
        return url;
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        ds.setUser(url.user());
        if (url.password() != null) {
            ds.setPassword(url.password());
        }
        return ds;
    }

    /** Stops the server (SIGTERM, as Ctrl-C would), drops the run's schema or the embedded PostgreSQL, and the files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (embedded != null) {
            embedded.close();
        } else {
            BenchSchemas.drop(url, schema);
        }
        ThrowawayPostgres.deleteRecursively(workDir);
    }

    /** The last lines the server printed, for a failure message. */
    private String logTail() {
        try {
            var lines = Files.readAllLines(workDir.resolve("serve.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
