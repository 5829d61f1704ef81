package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.retry.RetryPolicy;
import dev.tasker.core.template.StepType;

import java.util.List;
import java.util.UUID;

/** A task as it is written at creation: the task row, its steps and edges, in one transaction. */
public record NewTask(UUID taskUuid, UUID templateUuid, String namespace, String name, String version, JsonNode context,
                      String identityHash, String idempotencyKey, int priority, String initiator, String sourceSystem,
                      String reason, JsonNode tags, List<Step> steps, List<Edge> edges, UUID parentStepUuid) {

    public NewTask {
        steps = List.copyOf(steps);
        edges = List.copyOf(edges);
    }

    /** @param templateStep the template step a batch worker is made from; null for every other step */
    public record Step(UUID stepUuid, String name, StepType type, String callable, RetryPolicy retry, int timeoutSeconds,
                       int pendingParents, JsonNode inputs, String templateStep) {

        public Step(UUID stepUuid, String name, StepType type, String callable, RetryPolicy retry, int timeoutSeconds,
                    int pendingParents, JsonNode inputs) {
            this(stepUuid, name, type, callable, retry, timeoutSeconds, pendingParents, inputs, null);
        }
    }

    public record Edge(UUID from, UUID to) {
    }
}
