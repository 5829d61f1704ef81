package dev.tasker.db.embedded;

import dev.tasker.db.DatabaseStartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A PostgreSQL server run by this process from the bundled linux-amd64 binaries, with its data in a
 * directory that survives restarts (not a throw-away one). It is durable (the library's own start flags turn
 * fsync off; {@link #DURABLE} turns it back on) and admits only clients that know its password ({@link LocalAccess}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());

    /** Set after the library's {@code -F}, so they win over it; a caller's settings win over these. */
    static final Map<String, String> DURABLE = Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on", "listen_addresses", "127.0.0.1");

    private final Path dataDir;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgres postgres;
    private final LocalAccess access;

    private EmbeddedPostgresServer(Path dataDir, DataDirectoryLock lock, EmbeddedPostgres postgres, LocalAccess access) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.postgres = postgres;
        this.access = access;
    }

    /** Starts a server on {@code dataDir}, creating the cluster on first use. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** As {@link #start(Path)}, with extra {@code postgresql.conf} settings. */
    public static EmbeddedPostgresServer start(Path dataDir, Map<String, String> serverConfig) {
        return start(dataDir, serverConfig, 0);
    }

    /** As {@link #start(Path, Map)}, on a fixed port (0: a free one). */
    public static EmbeddedPostgresServer start(Path dataDir, Map<String, String> serverConfig, int port) {
        Path dir = dataDir.toAbsolutePath();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            long started = System.nanoTime();
            LocalAccess access = LocalAccess.prepare(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setConnectConfig("password", access.password())
                    .setDataDirectoryCustomizer(initialised -> access.keepPassword())
                    .setServerConfig("max_connections", "200");
            access.initdbOptions().forEach(option -> builder.setLocaleConfig(option[0], option[1]));
            DURABLE.forEach(builder::setServerConfig);
            serverConfig.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            try {
                access.lockDown(postgres.getPort());
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            LOG.info(() -> "Embedded PostgreSQL started in %d ms on port %d, data in %s"
                    .formatted(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), postgres.getPort(), dir));
            return new EmbeddedPostgresServer(dir, lock, postgres, access);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw new DatabaseStartupException("The embedded PostgreSQL could not start with data directory " + dir + ": "
                    + rootMessage(e) + ". If the directory is damaged, move it away and start again "
                    + "(a new empty database is created), or point TASKER_DATABASE_URL at a server.", e);
        }
    }

    /**
     * A Tasker JVM killed with SIGKILL leaves its postmaster running on the data directory. We hold the
     * directory's lock, so such a postmaster has no owner left: stop it before starting ours.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::strip).filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isPresent()) {
            ProcessHandle postmaster = orphan.get();
            LOG.warning(() -> "Stopping an orphaned embedded PostgreSQL (pid " + postmaster.pid()
                    + ") left by a Tasker process that did not shut down");
            postmaster.destroy();
            try {
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the server's {@code postgres} database, as its superuser, with the password. */
    public String jdbcUrl() {
        return access.jdbcUrl(postgres.getPort());
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info(() -> "Embedded PostgreSQL stopped, data kept in " + dataDir);
        } catch (IOException e) {
            LOG.warning(() -> "Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            lock.close();
        }
    }
}
