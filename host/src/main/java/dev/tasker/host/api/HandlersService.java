package dev.tasker.host.api;

import dev.tasker.bridge.GuestLanguages;
import dev.tasker.loader.LoadedHandlers;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/handlers}: the callables each language loaded, from which files, and what did not load. */
public final class HandlersService implements HttpService {

    private final ApiState state;

    public HandlersService(ApiState state) {
        this.state = state;
    }

    public static final String BASE = "/v1/handlers";

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(Method.GET, BASE, this::list));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, BASE, routes());
    }

    private void list(ServerRequest req, ServerResponse res) {
        LoadedHandlers loaded = state.handlers();
        if (loaded == null) {
            ApiResponses.starting(res);
            return;
        }
        List<Map<String, Object>> handlers = new ArrayList<>();
        Map<String, Object> languages = new LinkedHashMap<>();
        loaded.guests().languages().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            GuestLanguages.Started started = e.getValue();
            var runtime = started.runtime();
            languages.put(e.getKey(), Map.of("contexts", runtime.poolSize(), "idle_contexts", runtime.idleContexts(),
                    "startup_ms", started.startup().toMillis()));
            runtime.handlerNames().forEach(name -> {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("callable", name);
                h.put("language", e.getKey());
                h.put("files", runtime.filesOf(name).stream().map(Object::toString).toList());
                handlers.add(h);
            });
        });
        handlers.sort(Comparator.comparing((Map<String, Object> h) -> (String) h.get("callable"))
                .thenComparing(h -> (String) h.get("language")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handlers", handlers);
        body.put("languages", languages);
        body.put("problems", loaded.problems());
        ApiResponses.json(res, body);
    }
}
