package dev.tasker.host.api;

import io.helidon.webserver.http.ServerRequest;

import java.util.UUID;

/** Query and path parameters read with a 400 that names the parameter and the allowed range. */
final class QueryParams {

    private QueryParams() {
    }

    static int integer(ServerRequest req, String name, int fallback, int min, int max) {
        String text = req.query().first(name).orElse(null);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be an integer, not '" + text + "'");
        }
    }

    static UUID uuid(ServerRequest req, String pathParameter, String what) {
        String text = req.path().pathParameters().get(pathParameter);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + text + "' is not a " + what + " UUID");
        }
    }
}
