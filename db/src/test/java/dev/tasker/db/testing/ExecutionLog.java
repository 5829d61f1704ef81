package dev.tasker.db.testing;

import dev.tasker.core.api.StepContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A table beside the engine's where test handlers record each execution, so tests can count them per step. */
public final class ExecutionLog {

    private final DataSource dataSource;

    public ExecutionLog(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS test_executions (step_uuid uuid NOT NULL, attempt int NOT NULL, "
                    + "worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(StepContext ctx, String worker) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO test_executions (step_uuid, attempt, worker) VALUES (?, ?, ?)")) {
            ps.setObject(1, ctx.stepUuid());
            ps.setInt(2, ctx.retryCount() + 1);
            ps.setString(3, worker);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the execution", e);
        }
    }
}
