package dev.tasker.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.json.Json;

/** The step context as the JSON object every guest prelude reads (Tasker's field names). */
final class GuestPayload {

    private GuestPayload() {
    }

    static ObjectNode of(StepContext ctx) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("task_uuid", ctx.taskUuid().toString());
        p.put("step_uuid", ctx.stepUuid().toString());
        p.put("step_name", ctx.stepName());
        p.put("namespace_name", ctx.namespaceName());
        p.put("task_name", ctx.taskName());
        p.put("task_version", ctx.taskVersion());
        p.put("handler_method", ctx.handlerMethod());
        p.set("step_definition", ctx.stepDefinition());
        p.set("input_data", ctx.inputData());
        p.set("step_inputs", ctx.stepInputs());
        p.set("step_config", ctx.stepConfig());
        ObjectNode deps = p.putObject("dependency_results");
        ctx.dependencyResults().forEach(deps::set);
        p.put("retry_count", ctx.retryCount());
        p.put("max_retries", ctx.maxRetries());
        p.set("checkpoint", ctx.checkpoint());
        return p;
    }
}
