package dev.tasker.host.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

import java.util.List;

/** One route of the API; services list theirs, so the OpenAPI document can be checked against them. */
public record ApiRoute(Method method, String path, Handler handler) {

    /** The path with its parameters unnamed, e.g. {@code /v1/tasks/{}}, to compare with the OpenAPI document. */
    public String shape() {
        return method.text() + " " + path.replaceAll("\\{[^}]*}", "{}");
    }

    static void register(HttpRules rules, String base, List<ApiRoute> routes) {
        for (ApiRoute r : routes) {
            String relative = r.path().substring(base.length());
            rules.route(r.method(), relative.isEmpty() ? "/" : relative, r.handler());
        }
    }
}
