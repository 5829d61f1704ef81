package dev.tasker.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Analyzes the engine's hot tables whenever one has more than doubled since it was last analyzed. PostgreSQL caches a
 * generic plan per prepared statement, made with the statistics of the moment; plans made while a new schema's tables
 * were nearly empty scan them sequentially, and autovacuum (a minute between rounds by default) is too slow to replace
 * them while the tables grow from nothing: the benchmarks saw seq scans take two thirds of PostgreSQL's CPU in a new
 * schema's first minute. An ANALYZE makes every backend plan again. Growth is geometric, so a table is analyzed about
 * log2(rows) times by this; past that, autovacuum's own thresholds keep the statistics.
 */
final class PlannerStatistics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class.getName());

    /** Rows a table must hold, beyond twice the last analyzed count, before it is analyzed again. */
    static final long MIN_GROWTH = 500;

    private static final String GROWN = """
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE n.nspname = ? AND c.relname IN ('tasks', 'workflow_steps', 'workflow_step_edges')
              AND s.n_live_tup > 2 * greatest(c.reltuples, 0) + ?""";

    private final DataSource dataSource;
    private final String schema;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tasker-planner-statistics");
        t.setDaemon(true);
        return t;
    });

    private PlannerStatistics(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    static PlannerStatistics start(DataSource dataSource, String schema, long periodMillis) {
        PlannerStatistics statistics = new PlannerStatistics(dataSource, schema);
        statistics.timer.scheduleWithFixedDelay(statistics::refreshQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return statistics;
    }

    /** Analyzes the tables that have more than doubled; answers their names. */
    List<String> refresh() throws SQLException {
        List<String> grown = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(GROWN)) {
                ps.setString(1, schema);
                ps.setLong(2, MIN_GROWTH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        grown.add(rs.getString(1));
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                for (String table : grown) {
                    st.execute("ANALYZE " + quoted(schema) + "." + quoted(table));
                }
            }
        }
        return grown;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void refreshQuietly() {
        try {
            List<String> analyzed = refresh();
            if (!analyzed.isEmpty()) {
                LOG.fine(() -> "analyzed " + analyzed + " in schema " + schema + " (they had more than doubled)");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "could not refresh planner statistics; autovacuum will", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
