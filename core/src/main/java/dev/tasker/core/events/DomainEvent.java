package dev.tasker.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a step published ({@code publishes_events} of its template).
 *
 * @param deliveryMode durable (outbox, then NATS JetStream), fast (in-process subscribers) or broadcast (both)
 * @param outcome      success, retryable_failure or permanent_failure
 * @param payload      the step's result on success, its error otherwise
 */
public record DomainEvent(UUID eventId, String name, String deliveryMode, UUID taskUuid, UUID stepUuid, String stepName,
                          String namespace, String outcome, JsonNode payload, Instant occurredAt) {

    public boolean durable() {
        return deliveryMode.equals("durable") || deliveryMode.equals("broadcast");
    }

    public boolean fast() {
        return deliveryMode.equals("fast") || deliveryMode.equals("broadcast");
    }

    public JsonNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("event_id", eventId.toString());
        out.put("event_name", name);
        out.put("delivery_mode", deliveryMode);
        out.put("task_uuid", taskUuid.toString());
        out.put("step_uuid", stepUuid.toString());
        out.put("step_name", stepName);
        out.put("namespace", namespace);
        out.put("outcome", outcome);
        out.set("payload", payload);
        out.put("occurred_at", occurredAt.toString());
        return out;
    }
}
