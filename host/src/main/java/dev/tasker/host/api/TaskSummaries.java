package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.dlq.DeadLetterQueue;
import dev.tasker.core.dlq.DlqEntry;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.template.StepTemplate;
import dev.tasker.core.template.TaskTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tasker's TaskSummaryResponse for {@code GET /v1/tasks/{uuid}/summary}: the task, its template's steps, its steps
 * with their errors, whether it is in the dead-letter queue, and links to the rest.
 */
final class TaskSummaries {

    private TaskSummaries() {
    }

    static Map<String, Object> of(TaskView task, Optional<TaskTemplate> template, DeadLetterQueue deadLetters) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> full = TaskJson.task(task, false);
        full.remove("steps");
        out.put("task", full);
        out.put("template", Map.of("steps", template.map(t -> t.steps().stream().map(TaskSummaries::templateStep).toList())
                .orElse(List.of())));
        out.put("steps", task.steps().stream().map(TaskSummaries::step).toList());
        Optional<DlqEntry> entry = deadLetters == null ? Optional.empty() : deadLetters.latestFor(task.taskUuid());
        Map<String, Object> dlq = new LinkedHashMap<>();
        dlq.put("in_dlq", entry.map(e -> e.resolutionStatus().equals("Pending")).orElse(false));
        dlq.put("dlq_reason", entry.map(DlqEntry::dlqReason).orElse(null));
        dlq.put("resolution_status", entry.map(DlqEntry::resolutionStatus).orElse(null));
        out.put("dlq", dlq);
        String base = "/v1/tasks/" + task.taskUuid();
        out.put("links", Map.of("task", base, "steps", base + "/workflow_steps", "dlq", "/v1/dlq/task/" + task.taskUuid()));
        return out;
    }

    private static Map<String, Object> templateStep(StepTemplate s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("step_type", s.type().name().toLowerCase(Locale.ROOT));
        out.put("handler", s.callable());
        out.put("dependencies", s.dependencies());
        out.put("retryable", s.retry().retryable());
        out.put("max_attempts", s.retry().maxAttempts());
        return out;
    }

    private static Map<String, Object> step(StepView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step_uuid", s.stepUuid().toString());
        out.put("name", s.name());
        out.put("current_state", s.state().dbName());
        out.put("created_at", TaskJson.time(s.createdAt()));
        out.put("completed_at", TaskJson.time(s.completedAt()));
        out.put("last_attempted_at", TaskJson.time(s.startedAt()));
        out.put("attempts", s.attempts());
        out.put("max_attempts", s.maxAttempts());
        out.put("dependencies_satisfied", s.dependenciesSatisfied());
        out.put("retry_eligible", s.retryEligible());
        JsonNode error = s.error();
        if (error == null || error.isNull()) {
            out.put("error", null);
        } else {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("error_type", error.path("error_type").asText(null));
            e.put("retryable", error.path("retryable").asBoolean(false));
            e.put("status_code", error.hasNonNull("status_code") ? error.get("status_code").asInt() : null);
            out.put("error", e);
        }
        return out;
    }
}
