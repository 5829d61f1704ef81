package dev.tasker.host.server;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code tasker serve} as a real process: configured by environment variables, stopped by SIGTERM. */
class ServeProcessTest {

    private Path home;

    @BeforeEach
    void createHome() throws IOException {
        home = Files.createTempDirectory("tasker-serve");
    }

    @AfterEach
    void deleteHome() {
        TestDatabases.deleteRecursively(home);
    }

    @Test
    void onTheEmbeddedDatabaseItBecomesReadyAndSigtermStopsEverythingWithExitCodeZero() throws Exception {
        int port = freePort();
        Path dataDir = home.resolve("postgres");
        Path log = home.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--handlers", home.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("TASKER_DATABASE_URL");
        pb.environment().put("TASKER_PORT", Integer.toString(port));
        pb.environment().put("TASKER_DATA_DIR", dataDir.toString());
        Process serve = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(port, "/health/ready") == 200);
            assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).isTrue();

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
            assertThat(Files.readString(log))
                    .contains("Embedded PostgreSQL started")
                    .contains("Tasker is ready on http://127.0.0.1:" + port)
                    .contains("SIGTERM received, shutting down")
                    .contains("Embedded PostgreSQL stopped, data kept in " + dataDir);
            assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("postgres stopped").isFalse();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void anUnreachableDatabaseEndsServeWithTheReasonAndExitCodeOne() throws Exception {
        Path log = home.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TASKER_DATABASE_URL", "postgresql://tasker:hunter2@127.0.0.1:1/tasker");
        Process serve = pb.start();

        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("tasker: Cannot reach PostgreSQL at 127.0.0.1:1")
                .doesNotContain("hunter2")
                .doesNotContain("\tat ");
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
