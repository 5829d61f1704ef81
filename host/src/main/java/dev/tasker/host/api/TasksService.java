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
        return (req, res) -> {
            if (state.tasks() == null) {
                ApiResponses.starting(res);
                return;
            }
            try {
                handler.handle(req, res);
            } catch (ApiException e) {
                ApiResponses.error(res, e.status(), e.code(), e.getMessage(), e.details());
            }
        };
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
        int page = intParam(query.first("page").orElse("1"), "page");
        int perPage = intParam(query.first("per_page").orElse("25"), "per_page");
        TaskPage tasks = ApiErrors.translate(() -> state.queries().tasks(new TaskFilter(namespace, status, page, perPage)));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", tasks.page());
        pagination.put("per_page", tasks.perPage());
        pagination.put("total_count", tasks.totalCount());
        pagination.put("total_pages", tasks.totalPages());
        ApiResponses.json(res, Map.of("tasks", tasks.tasks().stream().map(t -> TaskJson.task(t, false)).toList(),
                "pagination", pagination));
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

    private void steps(ServerRequest req, ServerResponse res) {
        ApiResponses.json(res, Map.of("steps", task(req).steps().stream().map(TaskJson::step).toList()));
    }

    private void step(ServerRequest req, ServerResponse res) {
        ApiResponses.json(res, TaskJson.step(step(task(req), req)));
    }

    private void act(ServerRequest req, ServerResponse res) {
        TaskView task = task(req);
        StepView step = step(task, req);
        JsonNode body = JsonBody.read(req, maxBodyBytes);
        String action = body.path("action_type").asText("");
        String reason = body.path("reason").asText("through the API");
        ApiErrors.translate(() -> {
            switch (action) {
                case "reset_for_retry" -> state.store().resetForRetry(task.taskUuid(), step.stepUuid(), reason);
                case "resolve_manually" -> state.store().resolveManually(task.taskUuid(), step.stepUuid(), reason);
                case "complete_manually" -> {
                    if (!body.has("result")) {
                        throw ApiException.badRequest("complete_manually needs 'result': the value dependent steps will read");
                    }
                    state.store().completeManually(task.taskUuid(), step.stepUuid(), body.get("result"), reason);
                }
                default -> throw ApiException.badRequest("'action_type' must be one of reset_for_retry, resolve_manually, "
                        + "complete_manually" + (action.isEmpty() ? "" : ", not '" + action + "'"));
            }
            return null;
        });
        TaskView after = state.queries().task(task.taskUuid()).orElseThrow();
        ApiResponses.json(res, TaskJson.step(after.steps().stream()
                .filter(s -> s.stepUuid().equals(step.stepUuid())).findFirst().orElseThrow()));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        StepView step = step(task(req), req);
        ApiResponses.json(res, Map.of("step_uuid", step.stepUuid().toString(),
                "transitions", state.queries().stepTransitions(step.stepUuid()).stream().map(TaskJson::transition).toList()));
    }

    private TaskView task(ServerRequest req) {
        UUID id = uuid(req.path().pathParameters().get("task"), "task");
        return state.queries().task(id).orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "task_not_found",
                "no task " + id + " exists"));
    }

    private static StepView step(TaskView task, ServerRequest req) {
        UUID id = uuid(req.path().pathParameters().get("step"), "step");
        return task.steps().stream().filter(s -> s.stepUuid().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "step_not_found",
                        "task " + task.taskUuid() + " has no step " + id));
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + text + "' is not a " + what + " UUID");
        }
    }

    private static int intParam(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be an integer, not '" + text + "'");
        }
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
