package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The body of {@code PATCH /v1/tasks/{uuid}/workflow_steps/{step_uuid}}: Tasker's StepManualAction
 * ({@code reset_for_retry} with {@code reset_by}, {@code resolve_manually} with {@code resolved_by},
 * {@code complete_manually} with {@code completed_by} and {@code completion_data.result}). A top-level
 * {@code result} is taken too; a missing reason or operator is recorded as "through the API".
 */
final class StepActions {

    private static final Map<String, String> OPERATOR_FIELD = Map.of("reset_for_retry", "reset_by",
            "resolve_manually", "resolved_by", "complete_manually", "completed_by");

    private StepActions() {
    }

    /** @param reason what the audit records: the reason, and who acted when the body says */
    record Action(String type, String reason, JsonNode result) {
    }

    static Action read(JsonNode body) {
        String type = body.path("action_type").asText("");
        if (!OPERATOR_FIELD.containsKey(type)) {
            throw ApiException.badRequest("'action_type' must be one of reset_for_retry, resolve_manually, complete_manually"
                    + (type.isEmpty() ? "" : ", not '" + type + "'"));
        }
        String reason = nonBlank(JsonBody.optionalText(body, "reason"));
        String operator = nonBlank(JsonBody.optionalText(body, OPERATOR_FIELD.get(type)));
        String recorded = (reason == null ? "through the API" : reason) + (operator == null ? "" : " (by " + operator + ")");
        JsonNode result = null;
        if (type.equals("complete_manually")) {
            JsonNode data = body.get("completion_data");
            if (data != null && !data.isNull()) {
                if (!data.isObject() || !data.has("result")) {
                    throw ApiException.badRequest("'completion_data' must be an object with 'result': the value dependent "
                            + "steps will read");
                }
                result = data.get("result");
            } else if (body.has("result")) {
                result = body.get("result");
            } else {
                throw ApiException.badRequest("complete_manually needs 'completion_data.result': the value dependent steps "
                        + "will read");
            }
        }
        return new Action(type, recorded, result);
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
