package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A health answer (status, named checks, info) as lines for a terminal. */
final class HealthText {

    private HealthText() {
    }

    static String of(JsonNode health) {
        StringBuilder text = new StringBuilder(health.path("status").asText("unknown"));
        health.path("checks").properties().forEach(e -> {
            JsonNode check = e.getValue();
            text.append("\n  ").append(e.getKey()).append(": ").append(check.path("status").asText())
                    .append(" (").append(check.path("duration_ms").asLong()).append(" ms)");
            if (check.hasNonNull("message")) {
                text.append(' ').append(check.get("message").asText());
            }
        });
        JsonNode info = health.path("info");
        if (info.isObject()) {
            text.append("\n  version ").append(info.path("version").asText()).append(", environment ")
                    .append(info.path("environment").asText()).append(", ").append(info.path("operational_state").asText());
        }
        return text.toString();
    }
}
