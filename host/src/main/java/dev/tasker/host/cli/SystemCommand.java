package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "system", mixinStandardHelpOptions = true, description = "The server: every health check, and what it runs.",
        subcommands = {SystemCommand.Health.class, SystemCommand.Info.class, CommandLine.HelpCommand.class})
public final class SystemCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "Every check, named and timed. Exit code 0 when all are healthy, 1 when not.")
    static final class Health extends TaskCommand.ServerCall {
        @Override
        public Integer call() {
            JsonNode health = server.client().detailedHealth();
            print(health, HealthText.of(health));
            return "healthy".equals(health.path("status").asText()) ? 0 : 1;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Version, environment, database, handlers, worker.")
    static final class Info extends TaskCommand.ServerCall {
        @Override
        public Integer call() {
            JsonNode config = server.client().config();
            JsonNode tasker = config.path("tasker");
            JsonNode db = tasker.path("database");
            String text = """
                    Tasker %s (%s) at %s
                      database   %s, schema %s, pool %d
                      handlers   %s
                      worker     %d steps at once%s
                      API keys   %d""".formatted(config.path("metadata").path("version").asText(),
                    config.path("metadata").path("environment").asText(), server.url,
                    db.path("embedded").asBoolean() ? "embedded in " + db.path("embedded_data_dir").asText() : db.path("url").asText(),
                    db.path("schema").asText(), db.path("max_pool_size").asInt(), tasker.path("handler_dirs"),
                    tasker.path("worker").path("concurrency").asInt(),
                    tasker.path("worker").path("namespaces").isEmpty() ? ", every namespace"
                            : ", namespaces " + tasker.path("worker").path("namespaces"),
                    config.path("auth").path("api_key_count").asInt());
            print(config, text);
            return 0;
        }
    }
}
