package dev.tasker.host.api;

import dev.tasker.core.engine.TemplateRecord;
import dev.tasker.core.template.StepTemplate;
import dev.tasker.core.template.TaskTemplate;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/templates} and {@code GET /v1/templates/{namespace}/{name}/{version}}: the registered templates. */
public final class TemplatesService implements HttpService {

    private final ApiState state;

    public TemplatesService(ApiState state) {
        this.state = state;
    }

    public static final String BASE = "/v1/templates";

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(Method.GET, BASE, this::list),
                new ApiRoute(Method.GET, BASE + "/{namespace}/{name}/{version}", this::one));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, BASE, routes());
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (state.store() == null) {
            ApiResponses.starting(res);
            return;
        }
        String namespace = req.query().first("namespace").orElse(null);
        List<TaskTemplate> current = state.store().currentTemplates().stream().map(TemplateRecord::template)
                .filter(t -> namespace == null || t.namespace().equals(namespace))
                .sorted(java.util.Comparator.comparing(TaskTemplate::namespace).thenComparing(TaskTemplate::name)
                        .thenComparing(TaskTemplate::version))
                .toList();
        Map<String, Long> perNamespace = new java.util.TreeMap<>();
        current.forEach(t -> perNamespace.merge(t.namespace(), 1L, Long::sum));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaces", perNamespace.entrySet().stream().map(e -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", e.getKey());
            n.put("description", null);
            n.put("template_count", e.getValue());
            return n;
        }).toList());
        body.put("templates", current.stream().map(TemplatesService::summary).toList());
        body.put("total_count", current.size());
        ApiResponses.json(res, body);
    }

    private void one(ServerRequest req, ServerResponse res) {
        if (state.store() == null) {
            ApiResponses.starting(res);
            return;
        }
        var params = req.path().pathParameters();
        String namespace = params.get("namespace");
        String name = params.get("name");
        String version = params.get("version");
        var found = state.store().findTemplate(namespace, name, version).map(TemplateRecord::template)
                .filter(t -> t.version().equals(version));
        if (found.isEmpty()) {
            ApiResponses.error(res, Status.NOT_FOUND_404, "template_not_found",
                    "No template " + namespace + "/" + name + "@" + version + " is registered; GET /v1/templates lists them", null);
            return;
        }
        Map<String, Object> body = summary(found.get());
        body.put("configuration", found.get().definition());
        body.put("input_schema", found.get().inputSchema());
        body.put("definition", found.get().definition());
        ApiResponses.json(res, body);
    }

    private static Map<String, Object> summary(TaskTemplate t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", t.namespace());
        out.put("name", t.name());
        out.put("version", t.version());
        out.put("description", t.description());
        out.put("step_count", t.steps().size());
        out.put("source_file", t.sourceFile());
        out.put("steps", t.steps().stream().map(TemplatesService::step).toList());
        return out;
    }

    private static Map<String, Object> step(StepTemplate s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("description", s.description());
        out.put("default_retryable", s.retry().retryable());
        out.put("default_max_attempts", s.retry().maxAttempts());
        out.put("type", s.type().name().toLowerCase(java.util.Locale.ROOT));
        out.put("callable", s.callable());
        out.put("dependencies", s.dependencies());
        return out;
    }
}
