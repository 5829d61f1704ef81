package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a Maven project with a handler per language, a template that chains them, and tests that pass.")
public final class InitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The project folder (new, or empty).")
    Path dir;

    @Option(names = {"-l", "--languages"}, paramLabel = "LANGS", defaultValue = "rb,py,ts", split = ",",
            description = "rb, py and/or ts, in the order the steps run (default ${DEFAULT-VALUE}).")
    List<String> languages;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = "com.example",
            description = "The Maven groupId and the tests' package (default ${DEFAULT-VALUE}).")
    String groupId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasFiles(dir))) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " exists and is not an empty folder");
        }
        if (!groupId.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--group-id must be a Java package name, not '" + groupId + "'");
        }
        List<StarterLanguage> chosen = new ArrayList<>();
        for (String language : languages) {
            try {
                StarterLanguage parsed = StarterLanguage.valueOf(language.strip().toLowerCase(Locale.ROOT));
                if (chosen.contains(parsed)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--languages names " + parsed + " twice");
                }
                chosen.add(parsed);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--languages takes rb, py and ts, not '" + language + "'");
            }
        }
        String folder = dir.toAbsolutePath().normalize().getFileName().toString();
        String artifactId = folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String namespace = artifactId.replace('-', '_');
        if (artifactId.isEmpty() || !Character.isLetter(artifactId.charAt(0))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the folder's name must start with a letter: " + folder);
        }
        List<Path> written = new StarterProject(dir, groupId, artifactId, namespace, chosen).write();
        var out = spec.commandLine().getOut();
        written.forEach(p -> out.println("wrote " + dir.resolve(p)));
        out.println("next: cd " + dir + " && mvn test     (the first run downloads the dependencies)");
        out.println("then: tasker serve --handlers " + dir.resolve("handlers") + "   and   tasker task create " + namespace
                + "/" + StarterProject.TEMPLATE + " -c '{\"who\": \"Ada\"}'");
        out.flush();
        return 0;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}
