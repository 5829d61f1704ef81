package dev.tasker.host.api;

import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tasks, steps and transitions in Tasker's JSON shapes (DESIGN §8). */
final class TaskJson {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TaskJson() {
    }

    static Map<String, Object> task(TaskView t, boolean withSteps) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task_uuid", t.taskUuid().toString());
        out.put("namespace", t.namespace());
        out.put("name", t.name());
        out.put("version", t.version());
        out.put("status", t.state().dbName());
        out.put("execution_status", t.counts().executionStatus());
        out.put("completion_percentage", t.counts().completionPercentage());
        out.put("total_steps", t.counts().total());
        out.put("completed_steps", t.counts().done());
        out.put("failed_steps", t.counts().error());
        out.put("running_steps", t.counts().running());
        out.put("pending_steps", t.counts().ready() + t.counts().pending() + t.counts().retrying());
        out.put("priority", t.priority());
        out.put("context", t.context());
        out.put("created_at", time(t.createdAt()));
        out.put("updated_at", time(t.updatedAt()));
        out.put("completed_at", time(t.completedAt()));
        if (withSteps) {
            out.put("steps", t.steps().stream().map(TaskJson::step).toList());
        }
        return out;
    }

    static Map<String, Object> step(StepView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step_uuid", s.stepUuid().toString());
        out.put("task_uuid", s.taskUuid().toString());
        out.put("name", s.name());
        out.put("current_state", s.state().dbName());
        out.put("attempts", s.attempts());
        out.put("max_attempts", s.maxAttempts());
        out.put("inputs", s.inputs());
        out.put("result", s.result());
        out.put("error", s.error());
        out.put("created_at", time(s.createdAt()));
        out.put("started_at", time(s.startedAt()));
        out.put("completed_at", time(s.completedAt()));
        return out;
    }

    static Map<String, Object> transition(Transition t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from_state", t.fromState());
        out.put("to_state", t.toState());
        out.put("attempt", t.attempt());
        out.put("worker", t.worker());
        out.put("reason", t.reason());
        out.put("created_at", time(t.at()));
        return out;
    }

    static String time(Instant at) {
        return at == null ? null : MICROS.format(at);
    }
}
