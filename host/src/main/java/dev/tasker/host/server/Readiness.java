package dev.tasker.host.server;

import dev.tasker.db.Database;
import dev.tasker.loader.HandlerDirectoryScan;
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
    private volatile HandlerDirectoryScan handlers;

    void databaseOpened(Database db) {
        this.database = db;
    }

    void handlersLoaded(HandlerDirectoryScan scan) {
        this.handlers = scan;
    }

    public boolean isReady() {
        Database db = database;
        return db != null && handlers != null && db.isReachable();
    }

    List<HealthCheck> checks() {
        return List.of(databaseCheck(), handlersCheck());
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
            HandlerDirectoryScan scan = handlers;
            if (scan == null) {
                return HealthCheckResponse.builder().status(false).detail("state", "loading").build();
            }
            return HealthCheckResponse.builder()
                    .status(true)
                    .detail("loaded", scan.summary())
                    .detail("problems", scan.problems())
                    .build();
        });
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
