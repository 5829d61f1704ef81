package dev.tasker.host.server;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.spi.EngineStarter;
import dev.tasker.db.DatabaseSettings;
import dev.tasker.host.config.TaskerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The server as an {@link EngineStarter}: the test kit's engine, with two contexts per guest language. */
public final class HostEngineStarter implements EngineStarter {

    @Override
    public Running start(Options options) {
        DatabaseSettings database = new DatabaseSettings(options.databaseUrl(), Path.of("unused"), options.schema(),
                Math.max(8, options.concurrency() + 4), Duration.ofSeconds(5));
        TaskerConfig config = new TaskerConfig(options.host(), options.port(), database, options.handlerDirs(),
                Duration.ofSeconds(5), new TaskerConfig.WorkerConfig(options.concurrency(), List.of()),
                new GuestSettings(2, 2, 2, options.typeScriptCache()), "test",
                TaskerConfig.ApiConfig.DEFAULT, TaskerConfig.EventsConfig.NONE);
        TaskerServer server = TaskerServer.start(config);
        return new Running() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public List<String> loadProblems() {
                return server.loadProblems();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
