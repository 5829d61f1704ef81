package dev.tasker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasker.db.embedded.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The open database: the embedded server when no URL is configured, a connection pool, and the
 * schema migrated to this build's version. Closing it closes the pool, then stops the embedded server.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final long STATISTICS_PERIOD_MS = 2_000;

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource dataSource;
    private final DatabaseUrl url;
    private final String schema;
    private final PlannerStatistics statistics;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource dataSource, DatabaseUrl url, String schema) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.url = url;
        this.schema = schema;
        this.statistics = PlannerStatistics.start(dataSource, schema, STATISTICS_PERIOD_MS);
    }

    /** Opens and migrates; on failure everything started so far is stopped again. */
    public static Database open(DatabaseSettings settings) {
        EmbeddedPostgresServer embedded = null;
        HikariDataSource pool = null;
        try {
            DatabaseUrl url;
            if (settings.usesEmbedded()) {
                embedded = EmbeddedPostgresServer.start(settings.embeddedDataDir());
                url = DatabaseUrl.parse(embedded.jdbcUrl());
            } else {
                url = DatabaseUrl.parse(settings.url());
            }
            ConnectionProbe.check(url, settings.connectTimeout());
            pool = pool(url, settings);
            new SchemaMigrator(pool, settings.schema(), url).migrate();
            DatabaseUrl opened = url;
            LOG.info(() -> "Database ready: " + opened.redacted() + ", schema '" + settings.schema() + "'");
            return new Database(embedded, pool, url, settings.schema());
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseUrl url, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tasker-db");
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(url.connectionProperties(settings.connectTimeout(), "tasker"));
        config.setSchema(settings.schema());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** Connections of the pool in use and in all, for metrics. */
    public record PoolUse(int active, int idle, int total, int max) {
    }

    public PoolUse poolUse() {
        var pool = dataSource.getHikariPoolMXBean();
        return pool == null ? new PoolUse(0, 0, 0, dataSource.getMaximumPoolSize())
                : new PoolUse(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(),
                dataSource.getMaximumPoolSize());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseUrl url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Whether a connection can be had and answers, within a second. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        statistics.close();
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
