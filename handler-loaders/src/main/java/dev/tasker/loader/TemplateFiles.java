package dev.tasker.loader;

import dev.tasker.core.template.CallableCheck;
import dev.tasker.core.template.InvalidTemplateException;
import dev.tasker.core.template.TaskTemplate;
import dev.tasker.core.template.TemplateParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of some YAML files, parsed and validated against the handlers that are loaded, and one
 * line per problem (file, template, step and what is wrong).
 */
public record TemplateFiles(List<TaskTemplate> templates, List<String> problems) {

    public TemplateFiles {
        templates = List.copyOf(templates);
        problems = List.copyOf(problems);
    }

    public static TemplateFiles read(List<Path> files, String environment, CallableCheck callables) {
        return readEach(files, environment, file -> callables);
    }

    /** @param callables the check for the templates of one file (callables resolve first beside the file) */
    public static TemplateFiles readEach(List<Path> files, String environment,
                                         java.util.function.Function<Path, CallableCheck> callables) {
        List<TaskTemplate> templates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            try {
                TaskTemplate template = TemplateParser.checking(environment, callables.apply(file))
                        .parse(Files.readString(file), file.toString());
                String key = template.namespace() + "/" + template.name() + "@" + template.version();
                Path earlier = seen.putIfAbsent(key, file);
                if (earlier != null) {
                    problems.add(file + ": template " + key + " is also defined in " + earlier + "; give one of them another version");
                } else {
                    templates.add(template);
                }
            } catch (InvalidTemplateException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(file + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return new TemplateFiles(templates, problems);
    }
}
