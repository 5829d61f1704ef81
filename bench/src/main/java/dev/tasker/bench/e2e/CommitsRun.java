package dev.tasker.bench.e2e;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    private final BenchEngine engine;
    private final DataSource dataSource;

    public CommitsRun(BenchEngine engine) {
        this.engine = engine;
        this.dataSource = engine.server().database().dataSource();
    }

    public Result run(Shape shape, Language language, int tasks, int inFlight) throws Exception {
        Thread.sleep(STATS_SETTLE_MS);
        long[] before = counters();
        long steps0 = engine.stepsCompleted();
        List<UUID> pending = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            pending.add(engine.submit(shape, language));
            if (pending.size() >= inFlight) {
                engine.ended(pending.removeFirst()).get(120, TimeUnit.SECONDS);
            }
        }
        for (UUID task : pending) {
            engine.ended(task).get(120, TimeUnit.SECONDS);
        }
        long steps = engine.stepsCompleted() - steps0;
        Thread.sleep(STATS_SETTLE_MS);
        long[] after = counters();
        return new Result(steps, after[0] - before[0], after[1] - before[1]);
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
