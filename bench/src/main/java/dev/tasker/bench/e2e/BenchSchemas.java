package dev.tasker.bench.e2e;

import dev.tasker.db.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The schemas the benchmarks make on a server of the user's are dropped when they are done with them. */
final class BenchSchemas {

    private BenchSchemas() {
    }

    static void drop(DatabaseUrl url, String schema) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.connectionProperties(Duration.ofSeconds(5), "tasker-bench"));
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop the benchmark schema " + schema + ": " + e.getMessage());
        }
    }
}
