package dev.tasker.bench.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./tasker serve} with the example handlers (Ruby, Python, TypeScript) in a new process: seconds from the
 * process start to {@code /health/ready} answering 200, and the process's memory then. Closing it drops the schema
 * the runs used on a server of the user's.
 */
public final class ColdStart implements AutoCloseable {

    private static final String SCHEMA = "bench_cold";

    public record Result(boolean jit, double secondsToReady, double rssMb) {
    }

    private final Path root;
    private final String databaseUrl;
    private final Path dataDir;

    /** @param databaseUrl null: an embedded PostgreSQL in {@code dataDir} */
    public ColdStart(Path root, String databaseUrl, Path dataDir) {
        this.root = root;
        this.databaseUrl = databaseUrl;
        this.dataDir = dataDir;
    }

    public Result run(boolean jit) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(root.resolve("tasker").toString(), "serve", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("tasker-bench-serve", ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TASKER_JIT", jit ? "1" : "0");
        env.put("TASKER_HOME", dataDir.toString());
        env.put("TASKER_DATA_DIR", dataDir.resolve("postgres").toString());
        env.put("TASKER_DATABASE_SCHEMA", SCHEMA);
        if (databaseUrl != null) {
            env.put("TASKER_DATABASE_URL", databaseUrl);
        } else {
            env.remove("TASKER_DATABASE_URL");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("tasker serve exited with " + process.exitValue() + " before it was ready");
                }
                if (System.nanoTime() - start > 180_000_000_000L) {
                    throw new IllegalStateException("tasker serve was not ready within 3 minutes");
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(jit, seconds, Machine.memoryMb(process.pid(), "VmRSS"));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() {
        if (databaseUrl != null) {
            BenchSchemas.drop(dev.tasker.db.DatabaseUrl.parse(databaseUrl), SCHEMA);
        }
    }
}
