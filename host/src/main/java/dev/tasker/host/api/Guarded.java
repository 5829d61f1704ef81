package dev.tasker.host.api;

import io.helidon.webserver.http.Handler;

import java.util.function.BooleanSupplier;

/** A route that answers 503 while start-up has not reached what it needs, and turns refusals into JSON errors. */
final class Guarded {

    private Guarded() {
    }

    static Handler by(BooleanSupplier ready, Handler handler) {
        return (req, res) -> {
            if (!ready.getAsBoolean()) {
                ApiResponses.starting(res);
                return;
            }
            try {
                handler.handle(req, res);
            } catch (ApiException e) {
                ApiResponses.error(res, e.status(), e.code(), e.getMessage(), e.details());
            }
        };
    }
}
