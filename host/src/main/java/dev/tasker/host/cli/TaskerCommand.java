package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "tasker", mixinStandardHelpOptions = true, version = "tasker 0.1.0",
        description = "Tasker for the JVM: DAG workflows with Ruby, Python, TypeScript and JavaScript handlers.",
        subcommands = {ServeCommand.class, TemplateCommand.class, CommandLine.HelpCommand.class})
public final class TaskerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
