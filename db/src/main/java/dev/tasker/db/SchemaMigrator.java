package dev.tasker.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.logging.Logger;

/** Brings a schema to this build's version with the versioned SQL files under {@code db/migration}. */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private final DataSource dataSource;
    private final Flyway flyway;
    private final String schema;
    private final DatabaseUrl url;

    public SchemaMigrator(DataSource dataSource, String schema, DatabaseUrl url) {
        this.schema = schema;
        this.url = url;
        this.dataSource = dataSource;
        this.flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
    }

    /** Applies what is missing and answers how many migrations ran. Refuses a schema newer than this build. */
    public int migrate() {
        MigrateResult result;
        try {
            ensureSchemaExists();
            refuseNewerSchema();
            result = flyway.migrate();
        } catch (FlywayException e) {
            throw explain(e);
        } catch (SQLException e) {
            throw explain(new FlywayException(e.getMessage(), e));
        }
        if (result.migrationsExecuted > 0) {
            LOG.info(() -> "Database schema '%s' migrated to version %s (%d migrations)"
                    .formatted(schema, result.targetSchemaVersion, result.migrationsExecuted));
        }
        return result.migrationsExecuted;
    }

    /** The latest version this build knows. */
    public String latestKnownVersion() {
        return Arrays.stream(flyway.info().all())
                .filter(i -> i.getVersion() != null && i.getState().isResolved())
                .map(i -> i.getVersion().getVersion())
                .reduce((a, b) -> b)
                .orElse("0");
    }

    /** Flyway would retry a refused CREATE SCHEMA ten times, a second apart; this fails at once. */
    private void ensureSchemaExists() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            exists.setString(1, schema);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
        }
    }

    private DatabaseStartupException explain(FlywayException e) {
        SQLException sql = null;
        for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
            if (t instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql != null && "42501".equals(sql.getSQLState())) {
            String user = url.user() == null ? "the connecting user" : "user '" + url.user() + "'";
            String grantee = url.user() == null ? "<user>" : url.user();
            return new DatabaseStartupException("Cannot create or migrate the schema '" + schema + "' in database '"
                    + url.database() + "' at " + url.host() + ":" + url.port() + ": " + user + " lacks the privilege ("
                    + firstLine(sql.getMessage()) + "). Grant it (GRANT CREATE ON DATABASE " + url.database() + " TO "
                    + grantee + ") or create the schema for it (CREATE SCHEMA " + schema + " AUTHORIZATION " + grantee + ").", e);
        }
        return new DatabaseStartupException("Cannot migrate the schema '" + schema + "' at " + url.redacted() + ": "
                + firstLine(sql != null ? sql.getMessage() : e.getMessage()), e);
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private void refuseNewerSchema() {
        MigrationInfo[] future = Arrays.stream(flyway.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String newest = future[future.length - 1].getVersion().getVersion();
            throw new DatabaseStartupException("The database schema '" + schema + "' at " + url.redacted() + " is at version " + newest
                    + ", newer than this build of Tasker knows (version " + latestKnownVersion() + "). "
                    + "Run a newer Tasker, or point TASKER_DATABASE_URL at another database.");
        }
    }
}
