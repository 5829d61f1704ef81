package dev.tasker.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.logging.Logger;

/** Brings a schema to this build's version with the versioned SQL files under {@code db/migration}. */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private final Flyway flyway;
    private final String schema;
    private final String where;

    public SchemaMigrator(DataSource dataSource, String schema, String where) {
        this.schema = schema;
        this.where = where;
        this.flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
    }

    /** Applies what is missing and answers how many migrations ran. Refuses a schema newer than this build. */
    public int migrate() {
        refuseNewerSchema();
        MigrateResult result = flyway.migrate();
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

    private void refuseNewerSchema() {
        MigrationInfo[] future = Arrays.stream(flyway.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String newest = future[future.length - 1].getVersion().getVersion();
            throw new DatabaseStartupException("The database schema '" + schema + "' at " + where + " is at version " + newest
                    + ", newer than this build of Tasker knows (version " + latestKnownVersion() + "). "
                    + "Run a newer Tasker, or point TASKER_DATABASE_URL at another database.");
        }
    }
}
