package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "template", mixinStandardHelpOptions = true, description = "Work with task templates.",
        subcommands = {TemplateListCommand.class, TemplateValidateCommand.class, CommandLine.HelpCommand.class})
public final class TemplateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
