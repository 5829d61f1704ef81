package dev.tasker.bench.e2e;

import dev.tasker.db.DatabaseUrl;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one commit costs on the server the engine runs on, the floor a step's latency stands on: pgbench (one client,
 * simple-update) when the server is one pgbench can reach, and a one-row UPDATE per transaction through JDBC always.
 */
public final class CommitFloor {

    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private CommitFloor() {
    }

    /** Mean milliseconds per one-row UPDATE + COMMIT, one connection, for {@code seconds}. */
    public static double jdbcMs(DataSource dataSource, int seconds) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_commit_floor (id int PRIMARY KEY, v bigint NOT NULL)");
                s.execute("INSERT INTO bench_commit_floor VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
            }
            c.setAutoCommit(true);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            int count = 0;
            try (PreparedStatement update = c.prepareStatement("UPDATE bench_commit_floor SET v = v + 1 WHERE id = 1")) {
                while (System.nanoTime() < end) {
                    update.executeUpdate();
                    count++;
                }
            }
            return (System.nanoTime() - start) / 1e6 / count;
        }
    }

    /**
     * pgbench's average latency in ms, in a scratch database it creates and drops; empty when there is no pgbench
     * or the server is the embedded one.
     */
    public static Optional<Double> pgbenchMs(DataSource dataSource, DatabaseUrl url, int seconds) throws Exception {
        Optional<Path> pgbench = findPgbench();
        if (pgbench.isEmpty() || url == null) {
            return Optional.empty();
        }
        String scratch = "tasker_bench_pgbench";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + scratch);
            s.execute("CREATE DATABASE " + scratch);
        }
        try {
            run(pgbench.get(), url, scratch, "-i", "-s", "1", "-q");
            String out = run(pgbench.get(), url, scratch, "-c", "1", "-j", "1", "-T", Integer.toString(seconds), "-N", "-n");
            Matcher m = LATENCY.matcher(out);
            return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + scratch);
            }
        }
    }

    private static String run(Path pgbench, DatabaseUrl url, String database, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", url.host(), "-p", Integer.toString(url.port()),
                "-U", url.user()));
        command.addAll(List.of(args));
        command.add(database);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (url.password() != null) {
            builder.environment().put("PGPASSWORD", url.password());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("pgbench failed: " + out);
        }
        return out;
    }

    private static Optional<Path> findPgbench() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).findFirst();
        }
    }
}
