package dev.tasker.host.api;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.logging.Level;
import java.util.logging.Logger;

/** JSON answers for what no route handles: an unknown path under /v1, and an unexpected failure (logged, never shown). */
public final class ApiFallbacks {

    private static final Logger LOG = Logger.getLogger(ApiFallbacks.class.getName());

    private ApiFallbacks() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.any("/v1/*", (req, res) -> ApiResponses.error(res, Status.NOT_FOUND_404, "no_route",
                        "no route " + req.prologue().method().text() + " " + req.path().path()
                                + "; the API's routes are under /v1/tasks, /v1/templates and /v1/handlers", null))
                .error(Throwable.class, (req, res, error) -> {
                    LOG.log(Level.SEVERE, "Request " + req.prologue().method().text() + " " + req.path().path() + " failed", error);
                    ApiResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                            "the server failed to answer this request; its log has the details", null);
                });
    }
}
