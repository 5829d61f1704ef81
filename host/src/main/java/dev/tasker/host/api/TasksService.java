package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskFilter;
import dev.tasker.core.engine.TaskPage;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.host.config.TaskerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tasks and their workflow steps under {@code /v1/tasks} (DESIGN §8). */
public final class TasksService implements HttpService {

    private final ApiState state;
    private final long maxBodyBytes;
    private final Backpressure backpressure;

    public TasksService(ApiState state, TaskerConfig.ApiConfig config) {
        this.state = state;
        this.maxBodyBytes = config.maxBodyBytes();
        this.backpressure = new Backpressure(config.maxReadySteps(), () -> state.queries().readySteps());
    }

    public static final String BASE = "/v1/tasks";

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.POST, BASE, guarded(this::create)),
                new ApiRoute(Method.GET, BASE, guarded(this::list)),
                new ApiRoute(Method.GET, BASE + "/{task}", guarded(this::show)),
                new ApiRoute(Method.DELETE, BASE + "/{task}", guarded(this::cancel)),
                new ApiRoute(Method.GET, BASE + "/{task}/summary", guarded(this::summary)),
                new ApiRoute(Method.GET, BASE + "/{task}/workflow_steps", guarded(this::steps)),
                new ApiRoute(Method.GET, BASE + "/{task}/workflow_steps/{step}", guarded(this::step)),
                new ApiRoute(Method.PATCH, BASE + "/{task}/workflow_steps/{step}", guarded(this::act)),
                new ApiRoute(Method.GET, BASE + "/{task}/workflow_steps/{step}/audit", guarded(this::audit)));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, BASE, routes());
    }

    private Handler guarded(Handler handler) {
        return Guarded.by(() -> state.tasks() != null, handler);
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.read(req, maxBodyBytes);
        if (backpressure.overloaded()) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "overloaded", "more than " + backpressure.maxReadySteps()
                    + " steps are waiting to run (tasker.api.max-ready-steps); retry after 5 seconds");
        }
        TaskView task = ApiErrors.translate(() -> state.tasks().submit(TaskRequests.read(body)));
        UUID taskUuid = task.taskUuid();
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/v1/tasks/" + taskUuid);
        ApiResponses.json(res, TaskJson.task(task, true));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        String namespace = query.first("namespace").orElse(null);
        TaskState status = query.first("status").map(TasksService::taskState).orElse(null);
        // their range is TaskFilter's to check
        int page = QueryParams.integer(req, "page", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int perPage = QueryParams.integer(req, "per_page", 25, Integer.MIN_VALUE, Integer.MAX_VALUE);
        String initiator = query.first("initiator").orElse(null);
        String sourceSystem = query.first("source_system").orElse(null);
        String name = query.first("name").orElse(null);
        TaskPage tasks = ApiErrors.translate(() -> state.queries().tasks(
                new TaskFilter(namespace, status, page, perPage, initiator, sourceSystem, name)));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", tasks.page());
        pagination.put("per_page", tasks.perPage());
        pagination.put("total_count", tasks.totalCount());
        pagination.put("total_pages", tasks.totalPages());
        pagination.put("has_next", tasks.hasNext());
        pagination.put("has_previous", tasks.hasPrevious());
        Map<String, Long> stateCounts = new LinkedHashMap<>();
        tasks.stateCounts().forEach((taskState, count) -> stateCounts.put(taskState.dbName(), count));
        ApiResponses.json(res, Map.of("tasks", tasks.tasks().stream().map(t -> TaskJson.task(t, false)).toList(),
                "pagination", pagination, "state_counts", stateCounts));
    }

    private void show(ServerRequest req, ServerResponse res) {
        ApiResponses.json(res, TaskJson.task(task(req), true));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        ApiErrors.translate(() -> {
            state.store().cancel(task.taskUuid(), "cancelled through the API");
            return null;
        });
        ApiResponses.json(res, TaskJson.task(state.queries().task(task.taskUuid()).orElseThrow(), true));
    }

    private void summary(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        var template = state.store().findTemplate(task.namespace(), task.name(), task.version())
                .map(dev.tasker.core.engine.TemplateRecord::template).filter(t -> t.version().equals(task.version()));
        ApiResponses.json(res, TaskSummaries.of(task, template, state.deadLetters()));
    }

    private void steps(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        ApiResponses.json(res, task.steps().stream().map(s -> TaskJson.step(task, s)).toList());
    }

    private void step(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        ApiResponses.json(res, TaskJson.step(task, step(task, req)));
    }

    private void act(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        StepView step = step(task, req);
        StepActions.Action action = StepActions.read(JsonBody.read(req, maxBodyBytes));
        ApiErrors.translate(() -> {
            switch (action.type()) {
                case "reset_for_retry" -> state.store().resetForRetry(task.taskUuid(), step.stepUuid(), action.reason());
                case "resolve_manually" -> state.store().resolveManually(task.taskUuid(), step.stepUuid(), action.reason());
                default -> state.store().completeManually(task.taskUuid(), step.stepUuid(), action.result(), action.reason());
            }
            return null;
        });
        TaskView after = state.queries().task(task.taskUuid()).orElseThrow();
        ApiResponses.json(res, TaskJson.step(after, after.steps().stream()
                .filter(s -> s.stepUuid().equals(step.stepUuid())).findFirst().orElseThrow()));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        StepView step = step(task, req);
        ApiResponses.json(res, state.queries().stepAudit(step.stepUuid()).stream()
                .map(e -> TaskJson.audit(task, step, e)).toList());
    }

    private TaskView task(ServerRequest req) {
        UUID id = QueryParams.uuid(req, "task", "task");
        return state.queries().task(id).orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "task_not_found",
                "no task " + id + " exists"));
    }

    private static StepView step(TaskView task, ServerRequest req) {
        UUID id = QueryParams.uuid(req, "step", "step");
        return task.steps().stream().filter(s -> s.stepUuid().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "step_not_found",
                        "task " + task.taskUuid() + " has no step " + id));
    }

    static String nonBlank(String text) {
        return text.isBlank() ? null : text;
    }

    private static TaskState taskState(String text) {
        try {
            return TaskState.fromDb(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'status' must be one of " + String.join(", ",
                    Arrays.stream(TaskState.values()).map(TaskState::dbName).toList()) + ", not '" + text + "'");
        }
    }
}
