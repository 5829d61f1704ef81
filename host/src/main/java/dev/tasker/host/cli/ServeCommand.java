package dev.tasker.host.cli;

import dev.tasker.bridge.GuestRuntime;
import dev.tasker.db.DatabaseStartupException;
import dev.tasker.host.config.ConfigLoader;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.ShutdownSignals;
import dev.tasker.host.server.TaskerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a worker: the REST API, health and metrics, and the handlers of the given directories.")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    @Option(names = "--port", description = "HTTP port (default 8080, env TASKER_PORT; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1; another address needs API keys).")
    String host;

    @Option(names = "--handlers", paramLabel = "DIR",
            description = "A directory of handler files and templates (repeatable; env TASKER_HANDLERS).")
    List<Path> handlers;

    @Option(names = "--classpath", paramLabel = "PATH", split = "${sys:path.separator}",
            description = "Jars and class folders of Java handlers, named in templates as java:<class> "
                    + "(repeatable or ':'-separated; env TASKER_JAVA_CLASSPATH, comma-separated).")
    List<Path> classPath;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL: postgresql://user:pass@host:port/db or jdbc:postgresql://… "
                    + "(env TASKER_DATABASE_URL; unset = embedded PostgreSQL).")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (default ~/.tasker/postgres, env TASKER_DATA_DIR).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of settings (see application.yaml).")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        TaskerConfig config = applyFlags(TaskerConfig.from(ConfigLoader.load(configFile)));
        LOG.info(GuestRuntime.detect().describe());
        ShutdownSignals signals = ShutdownSignals.install();
        TaskerServer server;
        try {
            server = TaskerServer.start(config);
        } catch (DatabaseStartupException e) {
            System.err.println("tasker: " + e.getMessage());
            return 1;
        }
        try (server) {
            String signal = signals.await();
            LOG.info(() -> signal + " received, shutting down");
        }
        return 0;
    }

    private TaskerConfig applyFlags(TaskerConfig config) {
        TaskerConfig c = config;
        if (port != null) {
            c = c.withPort(port);
        }
        if (host != null) {
            c = c.withHost(host);
        }
        if (handlers != null && !handlers.isEmpty()) {
            c = c.withHandlerDirs(handlers);
        }
        if (classPath != null && !classPath.isEmpty()) {
            c = c.withJavaClassPath(classPath);
        }
        if (databaseUrl != null) {
            c = c.withDatabase(c.database().withUrl(databaseUrl));
        }
        if (dataDir != null) {
            var d = c.database();
            c = c.withDatabase(new dev.tasker.db.DatabaseSettings(d.url(), dataDir, d.schema(), d.maxPoolSize(), d.connectTimeout()));
        }
        return c;
    }
}
