package dev.tasker.bench.e2e;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL commits per step: {@code pg_stat_database.xact_commit} and the transaction ids handed out (write
 * transactions), before and after a batch of tasks, each read once the server has had time to publish its counters.
 */
public final class CommitsRun {

    /** PostgreSQL publishes an idle backend's counters within 10 s. */
    private static final long STATS_SETTLE_MS = 11_000;

    public record Result(long steps, long commits, long writeTransactions) {
        public double commitsPerStep() {
            return (double) commits / steps;
        }

        public double writeTransactionsPerStep() {
            return (double) writeTransactions / steps;
        }
    }

    private final ServedEngine engine;
    private final DataSource dataSource;

    public CommitsRun(ServedEngine engine) {
        this.engine = engine;
        this.dataSource = engine.dataSource();
    }

    /** Polls only {@code GET /metrics?name=tasker_tasks_completed}, which reads no table: the commits counted are the engine's. */
    public Result run(Shape shape, Language language, int tasks, int inFlight) throws Exception {
        Thread.sleep(STATS_SETTLE_MS);
        long[] before = counters();
        long base = engine.tasksCompleted();
        int created = 0;
        while (true) {
            long done = engine.tasksCompleted() - base;
            if (done >= tasks) {
                break;
            }
            while (created < tasks && created - done < inFlight) {
                engine.submit(shape, language);
                created++;
            }
            Thread.sleep(20);
        }
        Thread.sleep(STATS_SETTLE_MS);
        long[] after = counters();
        return new Result((long) tasks * shape.steps(), after[0] - before[0], after[1] - before[1]);
    }

    private long[] counters() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT xact_commit, pg_snapshot_xmax(pg_current_snapshot())::text::bigint "
                     + "FROM pg_stat_database WHERE datname = current_database()")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }
}
