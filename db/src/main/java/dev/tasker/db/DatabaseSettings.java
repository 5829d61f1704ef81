package dev.tasker.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the data lives and how to reach it.
 *
 * @param url              the server, or null for the embedded PostgreSQL
 * @param embeddedDataDir  the embedded server's data directory (kept across restarts)
 * @param schema           the schema that holds Tasker's tables
 * @param maxPoolSize      connections in the pool
 * @param connectTimeout   how long one connection attempt may take
 */
public record DatabaseSettings(String url, Path embeddedDataDir, String schema, int maxPoolSize, Duration connectTimeout) {

    public static final String DEFAULT_SCHEMA = "tasker";

    public DatabaseSettings {
        Objects.requireNonNull(embeddedDataDir, "embeddedDataDir");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new DatabaseStartupException("The database schema name '" + schema
                    + "' is invalid: use 1 to 63 characters of a-z, 0-9 and _, not starting with a digit.");
        }
        if (maxPoolSize < 1) {
            throw new DatabaseStartupException("The database pool size must be at least 1, not " + maxPoolSize + ".");
        }
    }

    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, dataDir, DEFAULT_SCHEMA, 16, Duration.ofSeconds(5));
    }

    public boolean usesEmbedded() {
        return url == null || url.isBlank();
    }

    public DatabaseSettings withUrl(String newUrl) {
        return new DatabaseSettings(newUrl, embeddedDataDir, schema, maxPoolSize, connectTimeout);
    }

    public DatabaseSettings withSchema(String newSchema) {
        return new DatabaseSettings(url, embeddedDataDir, newSchema, maxPoolSize, connectTimeout);
    }
}
