package dev.tasker.host.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** Tasker's analytics under {@code /v1/analytics}: performance and bottlenecks over the last {@code hours}. */
public final class AnalyticsService implements HttpService {

    public static final String BASE = "/v1/analytics";
    private static final int MAX_HOURS = 24 * 90;

    private final ApiState state;

    public AnalyticsService(ApiState state) {
        this.state = state;
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.GET, BASE + "/performance", guarded((req, res) -> ApiResponses.json(res,
                        state.analytics().performance(QueryParams.integer(req, "hours", 24, 1, MAX_HOURS))))),
                new ApiRoute(Method.GET, BASE + "/bottlenecks", guarded((req, res) -> ApiResponses.json(res,
                        state.analytics().bottlenecks(QueryParams.integer(req, "hours", 24, 1, MAX_HOURS),
                                QueryParams.integer(req, "limit", 10, 1, 100),
                                QueryParams.integer(req, "min_executions", 5, 1, 1_000_000))))));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, BASE, routes());
    }

    private Handler guarded(Handler handler) {
        return Guarded.by(() -> state.analytics() != null, handler);
    }
}
