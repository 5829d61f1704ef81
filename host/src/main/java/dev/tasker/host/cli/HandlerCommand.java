package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "handler", mixinStandardHelpOptions = true, description = "Write new handlers.",
        subcommands = {HandlerNewCommand.class, CommandLine.HelpCommand.class})
public final class HandlerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
