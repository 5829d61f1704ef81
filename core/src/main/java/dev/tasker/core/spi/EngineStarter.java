package dev.tasker.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Starts a whole engine (REST API, worker, handler folders) in this JVM, for tests and embedders that must not
 * depend on the server's own classes; tasker-host provides one, found with {@link ServiceLoader}.
 */
public interface EngineStarter {

    /**
     * @param databaseUrl a PostgreSQL server's URL; the engine works in {@code schema}, made afresh when missing
     * @param port        0: a free one
     */
    record Options(List<Path> handlerDirs, int concurrency, String databaseUrl, String schema, String host, int port,
                   Path typeScriptCache) {
    }

    /** A started engine; closing it stops it. */
    interface Running extends AutoCloseable {

        int port();

        /** The handler files that did not load, each with its file and why. */
        List<String> loadProblems();

        @Override
        void close();
    }

    Running start(Options options);

    /** The starter on the class path. */
    static EngineStarter find() {
        return ServiceLoader.load(EngineStarter.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no engine on the class path: add the dependency dev.tasker:tasker-host (scope runtime or test)"));
    }
}
