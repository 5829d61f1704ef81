package dev.tasker.host.api;

import dev.tasker.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** JSON answers, and errors in the shape {@code {"error": {"code", "message", "details"}}}. */
final class ApiResponses {

    private ApiResponses() {
    }

    static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }

    static void error(ServerResponse res, Status status, String code, String message, Object details) {
        res.status(status);
        json(res, Map.of("error", details == null ? Map.of("code", code, "message", message)
                : Map.of("code", code, "message", message, "details", details)));
    }

    /** The server is up but the database or the handlers are still loading. */
    static void starting(ServerResponse res) {
        res.header(HeaderNames.RETRY_AFTER, "1");
        error(res, Status.SERVICE_UNAVAILABLE_503, "starting", "Tasker is still starting; try again in a moment", null);
    }
}
