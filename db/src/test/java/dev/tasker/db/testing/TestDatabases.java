package dev.tasker.db.testing;

import dev.tasker.db.Database;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.db.embedded.ThrowawayPostgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL that tests use: {@code TASKER_TEST_DATABASE_URL} if set, else one embedded server
 * started once per test JVM in a temporary directory. Every {@link #freshSchema()} is a new schema,
 * so tests never see each other's rows.
 */
public final class TestDatabases {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestDatabases() {
    }

    /** The JDBC URL of the test server (starting the embedded one on first use). */
    public static String serverUrl() {
        return ThrowawayPostgres.url();
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

    public static void deleteRecursively(Path dir) {
        ThrowawayPostgres.deleteRecursively(dir);
    }
}
