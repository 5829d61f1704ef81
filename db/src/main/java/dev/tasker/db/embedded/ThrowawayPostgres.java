package dev.tasker.db.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PostgreSQL that tests run on: {@code TASKER_TEST_DATABASE_URL} if set, else one embedded server per JVM
 * in a temporary directory, tuned for speed over durability and removed when the JVM exits.
 */
public final class ThrowawayPostgres {

    private static volatile String url;

    private ThrowawayPostgres() {
    }

    /** The JDBC URL of the test server, starting the embedded one on first use. */
    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv("TASKER_TEST_DATABASE_URL");
            url = configured != null && !configured.isBlank() ? configured : startEmbedded();
        }
        return url;
    }

    private static String startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("tasker-test-pg");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("data"), Map.of(
                    "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteRecursively(dir);
            }, "test-postgres-stop"));
            return server.jdbcUrl();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test PostgreSQL", e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
