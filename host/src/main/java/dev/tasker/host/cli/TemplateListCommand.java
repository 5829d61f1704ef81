package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the templates a server has registered.")
public final class TemplateListCommand extends TaskCommand.ServerCall {

    @Override
    public Integer call() {
        JsonNode templates = server.client().templates();
        StringBuilder text = new StringBuilder();
        templates.path("templates").forEach(t -> text.append("%s/%s@%s  %d steps  %s%n".formatted(t.path("namespace").asText(),
                t.path("name").asText(), t.path("version").asText(), t.path("steps").size(), t.path("source_file").asText(""))));
        print(templates, text.toString().stripTrailing());
        return 0;
    }
}
