package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.UUID;

@Command(name = "step-audit", mixinStandardHelpOptions = true,
        description = "Every state change of a step, oldest first, with the result of each attempt.")
public final class TaskStepAuditCommand extends TaskCommand.ServerCall {

    @Parameters(index = "0", paramLabel = "TASK_UUID")
    String task;

    @Parameters(index = "1", paramLabel = "STEP", description = "the step's UUID or its name in the task")
    String step;

    @Override
    public Integer call() {
        UUID taskUuid = uuid(task, "task");
        JsonNode audit = server.client().stepAudit(taskUuid, step(taskUuid, step));
        StringBuilder text = new StringBuilder();
        for (JsonNode a : audit) {
            text.append("%s  %-12s -> %-20s attempt %d  %s%s  %s".formatted(a.path("recorded_at").asText(),
                    a.path("from_state").isNull() ? "" : a.path("from_state").asText(), a.path("to_state").asText(),
                    a.path("attempt").asInt(), a.path("success").asBoolean() ? "ok" : "FAILED",
                    a.hasNonNull("execution_time_ms") ? " in " + a.get("execution_time_ms").asLong() + " ms" : "",
                    a.path("reason").asText(""))).append('\n');
        }
        print(audit, text.toString().stripTrailing());
        return 0;
    }
}
