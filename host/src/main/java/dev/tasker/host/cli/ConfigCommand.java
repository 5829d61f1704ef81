package dev.tasker.host.cli;

import dev.tasker.db.DatabaseUrl;
import dev.tasker.host.config.ConfigLoader;
import dev.tasker.host.config.TaskerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Check configuration.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class, CommandLine.HelpCommand.class})
public final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Read the configuration as serve would (defaults, the file, TASKER_* variables) and say what it is.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of settings.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TaskerConfig config = TaskerConfig.from(ConfigLoader.load(file));
            var out = spec.commandLine().getOut();
            out.println("OK: port " + config.port() + ", database " + (config.database().usesEmbedded()
                    ? "embedded in " + config.database().embeddedDataDir() : DatabaseUrl.parse(config.database().url()).redacted())
                    + ", handlers " + config.handlerDirs() + ", worker concurrency " + config.worker().concurrency()
                    + ", API keys " + config.api().keys().size());
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The configuration a running server uses (GET /config), secrets redacted.")
    static final class Show extends TaskCommand.ServerCall {
        @Override
        public Integer call() {
            var config = server.client().config();
            out().println(ServerOptions.toJson(config));
            out().flush();
            return 0;
        }
    }
}
