package dev.tasker.db.testing;

import dev.tasker.db.Database;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.embedded.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL that tests use: {@code TASKER_TEST_DATABASE_URL} if set, else one embedded server
 * started once per test JVM in a temporary directory. Every {@link #freshSchema()} is a new schema,
 * so tests never see each other's rows.
 */
public final class TestDatabases {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile String serverUrl;

    private TestDatabases() {
    }

    /** The JDBC URL of the test server (starting the embedded one on first use). */
    public static synchronized String serverUrl() {
        if (serverUrl == null) {
            String configured = System.getenv("TASKER_TEST_DATABASE_URL");
            serverUrl = configured != null && !configured.isBlank() ? configured : startEmbedded();
        }
        return serverUrl;
    }

    /** A migrated database in a schema of its own; close it at the end of the test. */
    public static Database freshSchema() {
        return Database.open(settings(newSchemaName()));
    }

    public static DatabaseSettings settings(String schema) {
        return new DatabaseSettings(serverUrl(), Path.of("unused"), schema, 8, Duration.ofSeconds(5));
    }

    public static String newSchemaName() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet() + "_" + System.nanoTime() % 1_000_000;
    }

    private static String startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("tasker-test-pg");
            // durability is not what tests measure; these make the test server several times faster
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("data"), Map.of(
                    "fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteRecursively(dir);
            }, "test-postgres-stop"));
            return server.jdbcUrl();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
