package dev.tasker.host.cli;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.template.TaskTemplate;
import dev.tasker.loader.LoadedHandlers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the templates and handler files of some directories without a server or database:",
                "every file loads, every template is valid and every callable resolves to exactly one handler.",
                "Prints one line per problem and exits 1 if there is any."})
public final class TemplateValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Handler directories, as given to serve --handlers.")
    List<Path> directories;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "development",
            description = "Whose environments.<NAME> template overrides apply (default: ${DEFAULT-VALUE}).")
    String environment;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("dev.tasker").setLevel(Level.WARNING);
        Path home = Path.of(System.getProperty("user.home"), ".tasker");
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedHandlers loaded = LoadedHandlers.load(directories, new GuestSettings(1, 1, 1, home.resolve("ts-cache")), environment)) {
            List<String> problems = loaded.problems();
            problems.forEach(out::println);
            List<TaskTemplate> templates = loaded.templates().templates();
            out.printf("%s: %s%s; %s%n", problems.isEmpty() ? "OK" : count(problems.size(), "problem"),
                    count(templates.size(), "valid template"), templates.isEmpty() ? "" : " (" + String.join(", ", templates.stream()
                            .map(t -> t.namespace() + "/" + t.name() + "@" + t.version()).sorted().toList()) + ")",
                    loaded.scan().summary());
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
