package dev.tasker.host;

import dev.tasker.host.cli.TaskerCommand;
import io.helidon.logging.common.LogConfig;
import picocli.CommandLine;

/** The {@code tasker} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        CommandLine cli = new CommandLine(new TaskerCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("tasker: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return 1;
                });
        System.exit(cli.execute(args));
    }
}
