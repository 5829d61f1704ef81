package dev.tasker.host;

import dev.tasker.host.cli.TaskerCommand;
import io.helidon.logging.common.LogConfig;

/** The {@code tasker} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(TaskerCommand.commandLine().execute(args));
    }
}
