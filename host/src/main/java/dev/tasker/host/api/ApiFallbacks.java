package dev.tasker.host.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * JSON answers for what no route handles: an unknown path (404), a known path with another method (405 with
 * {@code Allow}), and an unexpected failure (500, logged, never shown).
 */
public final class ApiFallbacks {

    private static final Logger LOG = Logger.getLogger(ApiFallbacks.class.getName());

    private ApiFallbacks() {
    }

    /** @param shapes every route served, as {@code METHOD /path/{}} */
    public static void register(HttpRouting.Builder routing, List<String> shapes) {
        Map<Pattern, String> methodsByPath = new java.util.LinkedHashMap<>();
        for (String shape : shapes) {
            int space = shape.indexOf(' ');
            Pattern path = Pattern.compile(Pattern.quote(shape.substring(space + 1)).replace("{}", "\\E[^/]+\\Q"));
            methodsByPath.merge(path, shape.substring(0, space), (a, b) -> a + "," + b);
        }
        routing.any((req, res) -> {
            String path = req.path().path();
            String method = req.prologue().method().text();
            TreeSet<String> allowed = new TreeSet<>();
            methodsByPath.forEach((pattern, methods) -> {
                if (pattern.matcher(path).matches()) {
                    allowed.addAll(List.of(methods.split(",")));
                }
            });
            if (allowed.contains(method)) {
                res.next(); // served by a feature registered after this routing (Helidon's /metrics)
                return;
            }
            if (!allowed.isEmpty()) {
                res.header(HeaderNames.ALLOW, String.join(", ", allowed));
                ApiResponses.error(res, Status.METHOD_NOT_ALLOWED_405, "method_not_allowed",
                        method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed), null);
                return;
            }
            ApiResponses.error(res, Status.NOT_FOUND_404, "no_route", "no route " + method + " " + path
                    + "; GET /openapi lists the routes", null);
        }).error(Throwable.class, (req, res, error) -> {
            LOG.log(Level.SEVERE, "Request " + req.prologue().method().text() + " " + req.path().path() + " failed", error);
            ApiResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                    "the server failed to answer this request; its log has the details", null);
        });
    }
}
