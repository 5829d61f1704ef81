package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.dlq.DlqEntry;
import dev.tasker.core.dlq.DlqResolutionStatus;
import dev.tasker.core.dlq.DlqUpdate;
import dev.tasker.host.config.TaskerConfig;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Tasker's dead-letter queue under {@code /v1/dlq}: entries, an investigation's update, stats, the queue, staleness. */
public final class DlqService implements HttpService {

    public static final String BASE = "/v1/dlq";
    private static final Set<String> UPDATE_FIELDS = Set.of("resolution_status", "resolution_notes", "resolved_by", "metadata");

    private final ApiState state;
    private final long maxBodyBytes;

    public DlqService(ApiState state, TaskerConfig.ApiConfig config) {
        this.state = state;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.GET, BASE, guarded(this::list)),
                new ApiRoute(Method.GET, BASE + "/task/{task_uuid}", guarded(this::forTask)),
                new ApiRoute(Method.PATCH, BASE + "/entry/{dlq_entry_uuid}", guarded(this::update)),
                new ApiRoute(Method.GET, BASE + "/stats", guarded((req, res) -> ApiResponses.json(res, state.deadLetters().stats()))),
                new ApiRoute(Method.GET, BASE + "/investigation-queue", guarded((req, res) -> ApiResponses.json(res,
                        state.deadLetters().investigationQueue(QueryParams.integer(req, "limit", 100, 1, 1000))))),
                new ApiRoute(Method.GET, BASE + "/staleness", guarded((req, res) -> ApiResponses.json(res,
                        state.deadLetters().staleness(state.staleness(), QueryParams.integer(req, "limit", 100, 1, 1000))))));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, BASE, routes());
    }

    private Handler guarded(Handler handler) {
        return Guarded.by(() -> state.deadLetters() != null, handler);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String status = req.query().first("resolution_status").map(TasksService::nonBlank).orElse(null);
        String stored = status == null ? null : parseStatus(status).stored();
        ApiResponses.json(res, state.deadLetters().list(stored, QueryParams.integer(req, "limit", 50, 1, 1000),
                QueryParams.integer(req, "offset", 0, 0, Integer.MAX_VALUE)));
    }

    private void forTask(ServerRequest req, ServerResponse res) {
        UUID task = QueryParams.uuid(req, "task_uuid", "task");
        DlqEntry entry = state.deadLetters().latestFor(task).orElseThrow(() -> new ApiException(Status.NOT_FOUND_404,
                "dlq_entry_not_found", "task " + task + " has no dead-letter entry"));
        ApiResponses.json(res, entry);
    }

    private void update(ServerRequest req, ServerResponse res) {
        UUID id = QueryParams.uuid(req, "dlq_entry_uuid", "dead-letter entry");
        JsonNode body = JsonBody.read(req, maxBodyBytes);
        body.fieldNames().forEachRemaining(f -> {
            if (!UPDATE_FIELDS.contains(f)) {
                throw ApiException.badRequest("unknown field '" + f + "' (known: metadata, resolution_notes, resolution_status, "
                        + "resolved_by)");
            }
        });
        DlqResolutionStatus status = body.hasNonNull("resolution_status") ? parseStatus(JsonBody.optionalText(body, "resolution_status")) : null;
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApiException.badRequest("'metadata' must be a JSON object or null");
        }
        DlqEntry updated = state.deadLetters().update(id, new DlqUpdate(status, JsonBody.optionalText(body, "resolution_notes"),
                JsonBody.optionalText(body, "resolved_by"), metadata)).orElseThrow(() -> new ApiException(Status.NOT_FOUND_404,
                "dlq_entry_not_found", "no dead-letter entry " + id + " exists"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "investigation " + id + " is " + updated.resolutionStatus());
        out.put("dlq_entry_uuid", id.toString());
        out.put("entry", updated);
        ApiResponses.json(res, out);
    }

    private static DlqResolutionStatus parseStatus(String text) {
        try {
            return DlqResolutionStatus.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
