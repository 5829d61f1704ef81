package dev.tasker.host.api;

import dev.tasker.host.config.TaskerConfig;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;

import java.util.ArrayList;
import java.util.List;

/** The whole REST API on one routing: its filter, its services and its fallbacks. */
public final class ApiRoutes {

    /** Served beside the API (health, configuration, Helidon's metrics), listed so the OpenAPI document covers them. */
    private static final List<String> BESIDE = List.of("/health", "/health/live", "/live", "/health/ready", "/ready",
            "/health/detailed", "/config", "/metrics");

    private final TasksService tasks;
    private final TemplatesService templates;
    private final HandlersService handlers;
    private final DlqService deadLetters;
    private final AnalyticsService analytics;
    private final OpenApiService openApi = new OpenApiService();

    public ApiRoutes(ApiState state, TaskerConfig.ApiConfig config) {
        this.tasks = new TasksService(state, config);
        this.templates = new TemplatesService(state);
        this.handlers = new HandlersService(state);
        this.deadLetters = new DlqService(state, config);
        this.analytics = new AnalyticsService(state);
    }

    public void register(HttpRouting.Builder routing, TaskerConfig.ApiConfig config) {
        routing.addFilter(new ApiKeyFilter(config.keys(), config.metricsPublic()))
                .register(TasksService.BASE, tasks)
                .register(TemplatesService.BASE, templates)
                .register(HandlersService.BASE, handlers)
                .register(DlqService.BASE, deadLetters)
                .register(AnalyticsService.BASE, analytics)
                .register(OpenApiService.PATH, openApi);
        ApiFallbacks.register(routing, shapes());
    }

    /** Every route this server answers, as {@code METHOD /path/{}}. */
    public List<String> shapes() {
        List<String> all = new ArrayList<>();
        for (List<ApiRoute> routes : List.of(tasks.routes(), templates.routes(), handlers.routes(),
                deadLetters.routes(), analytics.routes(), openApi.routes())) {
            routes.forEach(r -> all.add(r.shape()));
        }
        BESIDE.forEach(path -> all.add(new ApiRoute(Method.GET, path, null).shape()));
        return all;
    }
}
