package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "tasker", mixinStandardHelpOptions = true, version = "tasker " + dev.tasker.host.TaskerVersion.VERSION,
        description = "Tasker for the JVM: DAG workflows with Ruby, Python, TypeScript and JavaScript handlers.",
        subcommands = {ServeCommand.class, InitCommand.class, TaskCommand.class, TemplateCommand.class, HandlerCommand.class, ConfigCommand.class,
                HealthCommand.class, DlqCommand.class, SystemCommand.class, CommandLine.HelpCommand.class})
public final class TaskerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** The {@code tasker} command line: an error is one line on stderr and exit code 1, never a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new TaskerCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("tasker: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    cmd.getErr().flush();
                    return 1;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
