package dev.tasker.host.server;

import dev.tasker.db.Database;
import dev.tasker.loader.LoadedHandlers;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.List;

/**
 * What {@code /health/ready} reports: the server takes work only once the database is migrated and
 * answers and the handler directories are loaded.
 */
public final class Readiness {

    private volatile Database database;
    private volatile LoadedHandlers handlers;

    void databaseOpened(Database db) {
        this.database = db;
    }

    void handlersLoaded(LoadedHandlers loaded) {
        this.handlers = loaded;
    }

    public boolean isReady() {
        Database db = database;
        return db != null && handlers != null && db.isReachable();
    }

    /** @param details with what each check found (the database URL, the handler files), else only up or down */
    List<HealthCheck> checks(boolean details) {
        if (!details) {
            return List.of(new NamedCheck("database", () -> HealthCheckResponse.builder().status(isDatabaseUp()).build()),
                    new NamedCheck("handlers", () -> HealthCheckResponse.builder().status(handlers != null).build()));
        }
        return List.of(databaseCheck(), handlersCheck());
    }

    private boolean isDatabaseUp() {
        Database db = database;
        return db != null && db.isReachable();
    }

    private HealthCheck databaseCheck() {
        return new NamedCheck("database", () -> {
            Database db = database;
            if (db == null) {
                return HealthCheckResponse.builder().status(false).detail("state", "starting").build();
            }
            return HealthCheckResponse.builder()
                    .status(db.isReachable())
                    .detail("url", db.url().redacted())
                    .detail("schema", db.schema())
                    .detail("embedded", db.isEmbedded())
                    .build();
        });
    }

    private HealthCheck handlersCheck() {
        return new NamedCheck("handlers", () -> {
            LoadedHandlers loaded = handlers;
            if (loaded == null) {
                return HealthCheckResponse.builder().status(false).detail("state", "loading").build();
            }
            var response = HealthCheckResponse.builder()
                    .status(true)
                    .detail("loaded", loaded.scan().summary())
                    .detail("problems", loaded.problems());
            loaded.guests().languages().forEach((language, started) -> response.detail(language,
                    count(started.runtime().handlerNames().size(), "callable") + ", " + count(started.runtime().poolSize(), "context")));
            return response.build();
        });
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private record NamedCheck(String name, java.util.function.Supplier<HealthCheckResponse> body) implements HealthCheck {
        @Override
        public HealthCheckType type() {
            return HealthCheckType.READINESS;
        }

        @Override
        public HealthCheckResponse call() {
            return body.get();
        }
    }
}
