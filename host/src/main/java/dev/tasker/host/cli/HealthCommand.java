package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Ask a server whether it is ready. Exit code 0 when it is, 1 when not.")
public final class HealthCommand extends TaskCommand.ServerCall {

    @Override
    public Integer call() {
        JsonNode health = server.client().health();
        print(health, HealthText.of(health));
        return "ready".equals(health.path("status").asText()) ? 0 : 1;
    }
}
