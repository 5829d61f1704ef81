package dev.tasker.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.engine.TaskFactory;
import dev.tasker.core.state.StepState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a step's {@code publishes_events} fire for an outcome: {@code condition} success (the default),
 * failure, retryable_failure, permanent_failure or always; {@code delivery_mode} durable (the default), fast
 * or broadcast.
 */
public final class EventRules {

    private EventRules() {
    }

    public static List<DomainEvent> fired(JsonNode publishesEvents, ClaimedStep step, StepOutcome outcome) {
        if (publishesEvents == null || !publishesEvents.isArray() || publishesEvents.isEmpty()) {
            return List.of();
        }
        String happened = switch (outcome.nextState()) {
            case COMPLETE -> "success";
            case WAITING_FOR_RETRY -> "retryable_failure";
            case ERROR -> "permanent_failure";
            default -> null;
        };
        if (happened == null) {
            return List.of();
        }
        List<DomainEvent> out = new ArrayList<>();
        for (JsonNode rule : publishesEvents) {
            String name = rule.isTextual() ? rule.asText() : rule.path("name").asText(null);
            if (name == null || name.isBlank()) {
                continue;
            }
            String condition = rule.path("condition").asText("success");
            boolean fires = switch (condition) {
                case "always" -> true;
                case "failure" -> !happened.equals("success");
                default -> condition.equals(happened);
            };
            if (fires) {
                JsonNode payload = outcome.nextState() == StepState.COMPLETE ? outcome.result() : outcome.error();
                out.add(new DomainEvent(TaskFactory.newUuid(), name, rule.path("delivery_mode").asText("durable"),
                        step.taskUuid(), step.stepUuid(), step.name(), step.namespace(), happened,
                        payload == null ? JsonNodeFactory.instance.nullNode() : payload, Instant.now()));
            }
        }
        return out;
    }
}
