package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.StepAuditEntry;
import dev.tasker.core.engine.StepCounts;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks, steps and audits in the shapes of Tasker's orchestration API (TaskResponse, StepResponse with
 * StepReadinessStatus, StepAuditResponse), with fields of ours beside them (a step's {@code result},
 * {@code error} and {@code inputs}, a task's {@code running_steps}).
 */
final class TaskJson {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Tasker types a step's readiness times as chrono's NaiveDateTime, which refuses an offset. */
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern(dev.tasker.core.dlq.NaiveUtc.PATTERN)
            .withZone(ZoneOffset.UTC);

    private TaskJson() {
    }

    static Map<String, Object> task(TaskView t, boolean withSteps) {
        Map<String, Object> out = new LinkedHashMap<>();
        StepCounts counts = t.counts();
        out.put("task_uuid", t.taskUuid().toString());
        out.put("namespace", t.namespace());
        out.put("name", t.name());
        out.put("version", t.version());
        out.put("status", t.state().dbName());
        out.put("execution_status", counts.executionStatus());
        out.put("recommended_action", recommendedAction(counts));
        out.put("health_status", healthStatus(counts));
        out.put("completion_percentage", counts.completionPercentage());
        out.put("total_steps", counts.total());
        out.put("pending_steps", counts.pending() + counts.ready() + counts.retrying());
        out.put("ready_steps", counts.ready());
        out.put("in_progress_steps", counts.running());
        out.put("running_steps", counts.running());
        out.put("completed_steps", counts.done());
        out.put("failed_steps", counts.error());
        out.put("priority", t.priority());
        out.put("context", t.context());
        out.put("initiator", orEmpty(t.origin().initiator()));
        out.put("source_system", orEmpty(t.origin().sourceSystem()));
        out.put("reason", orEmpty(t.origin().reason()));
        out.put("tags", t.origin().tags());
        out.put("correlation_id", t.origin().correlationId().toString());
        out.put("parent_correlation_id", t.origin().parentCorrelationId() == null ? null
                : t.origin().parentCorrelationId().toString());
        out.put("created_at", time(t.createdAt()));
        out.put("updated_at", time(t.updatedAt()));
        out.put("completed_at", time(t.completedAt()));
        out.put("steps", withSteps ? t.steps().stream().map(s -> step(t, s)).toList() : java.util.List.of());
        return out;
    }

    /** Tasker's StepResponse and StepReadinessStatus in one object, and ours beside them. */
    static Map<String, Object> step(TaskView task, StepView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant now = Instant.now();
        out.put("step_uuid", s.stepUuid().toString());
        out.put("workflow_step_uuid", s.stepUuid().toString());
        out.put("task_uuid", s.taskUuid().toString());
        out.put("named_step_uuid", namedStepUuid(task, s.name()).toString());
        out.put("name", s.name());
        out.put("current_state", s.state().dbName());
        out.put("dependencies_satisfied", s.dependenciesSatisfied());
        out.put("retry_eligible", s.retryEligible());
        out.put("ready_for_execution", s.readyForExecution(now));
        out.put("total_parents", s.totalParents());
        out.put("parents", s.parents());
        out.put("completed_parents", s.totalParents() - s.pendingParents());
        out.put("attempts", s.attempts());
        out.put("max_attempts", s.maxAttempts());
        out.put("last_attempted_at", naive(s.startedAt()));
        out.put("last_failure_at", naive(s.lastFailureAt()));
        boolean retrying = s.state() == StepState.WAITING_FOR_RETRY;
        out.put("next_retry_at", retrying ? naive(s.readyAt()) : null);
        out.put("backoff_request_seconds", retrying && s.readyAt() != null
                ? (int) Math.max(0, java.time.Duration.between(now, s.readyAt()).toSeconds()) : null);
        out.put("results", results(s));
        out.put("result", s.result());
        out.put("error", s.error());
        out.put("inputs", s.inputs());
        out.put("created_at", time(s.createdAt()));
        out.put("updated_at", time(s.updatedAt() == null ? s.createdAt() : s.updatedAt()));
        out.put("started_at", time(s.startedAt()));
        out.put("completed_at", time(s.completedAt()));
        return out;
    }

    /** Tasker's StepAuditResponse for one transition, with our attempt number and reason beside it. */
    static Map<String, Object> audit(TaskView task, StepView step, StepAuditEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        UUID transition = UUID.nameUUIDFromBytes((step.stepUuid() + "/transition/" + e.id()).getBytes(StandardCharsets.UTF_8));
        out.put("audit_uuid", UUID.nameUUIDFromBytes((step.stepUuid() + "/audit/" + e.id()).getBytes(StandardCharsets.UTF_8))
                .toString());
        out.put("workflow_step_uuid", step.stepUuid().toString());
        out.put("transition_uuid", transition.toString());
        out.put("task_uuid", task.taskUuid().toString());
        out.put("step_name", step.name());
        out.put("from_state", e.fromState());
        out.put("to_state", e.toState());
        out.put("recorded_at", time(e.at()));
        out.put("success", e.success() != null ? e.success() : !"error".equals(e.toState()));
        out.put("result", e.result());
        out.put("execution_time_ms", e.executionMillis());
        out.put("worker_uuid", e.worker());
        out.put("correlation_id", task.origin().correlationId().toString());
        out.put("attempt", e.attempt());
        out.put("reason", e.reason());
        return out;
    }

    /** Tasker's StepExecutionResult as its clients read it from {@code results}: null until an attempt ended. */
    private static Map<String, Object> results(StepView s) {
        boolean completed = s.state() == StepState.COMPLETE || s.state() == StepState.RESOLVED_MANUALLY;
        JsonNode error = s.error();
        if (!completed && (error == null || error.isNull())) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step_uuid", s.stepUuid().toString());
        out.put("success", completed);
        out.put("status", completed ? "completed" : "failed");
        out.put("result", completed ? s.result() : null);
        out.put("error", completed ? null : error);
        return out;
    }

    /** Tasker's recommended_action, from the same counts as execution_status. */
    static String recommendedAction(StepCounts c) {
        return switch (c.executionStatus()) {
            case "all_complete" -> "finalize_task";
            case "blocked_by_failures" -> "handle_failures";
            case "processing" -> "wait_for_completion";
            case "has_ready_steps" -> "execute_ready_steps";
            default -> "wait_for_dependencies";
        };
    }

    /** Tasker's health_status: blocked by a failed step, recovering while a step waits to retry, healthy otherwise. */
    static String healthStatus(StepCounts c) {
        if (c.error() > 0) {
            return "blocked";
        }
        return c.retrying() > 0 ? "recovering" : "healthy";
    }

    /** A step's id in its template (Tasker's named step), the same for every task of that template version. */
    static UUID namedStepUuid(TaskView task, String stepName) {
        return UUID.nameUUIDFromBytes((task.namespace() + "/" + task.name() + "@" + task.version() + "#" + stepName)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    static String naive(Instant at) {
        return at == null ? null : NAIVE.format(at);
    }

    static String time(Instant at) {
        return at == null ? null : MICROS.format(at);
    }
}
