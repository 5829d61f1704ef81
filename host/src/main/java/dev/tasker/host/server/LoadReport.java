package dev.tasker.host.server;

import dev.tasker.core.template.TaskTemplate;
import dev.tasker.loader.LoadedHandlers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What start-up loaded from the handler directories, for the log: templates per namespace, handler
 * files per language, and every problem with its file and line.
 *
 * @param lines    informational lines
 * @param problems one line per problem
 */
record LoadReport(List<String> lines, List<String> problems) {

    private static final Logger LOG = Logger.getLogger(LoadReport.class.getName());

    static LoadReport of(LoadedHandlers loaded, List<Path> directories) {
        List<String> lines = new ArrayList<>();
        lines.add("Handler directories " + directories + ": " + loaded.scan().summary());
        Map<String, List<TaskTemplate>> byNamespace = new TreeMap<>();
        loaded.templates().templates().forEach(t -> byNamespace.computeIfAbsent(t.namespace(), k -> new ArrayList<>()).add(t));
        byNamespace.forEach((namespace, templates) -> lines.add("Templates in " + namespace + ": " + templates.stream()
                .map(t -> t.name() + "@" + t.version()).sorted().collect(Collectors.joining(", "))));
        if (byNamespace.isEmpty()) {
            lines.add("Templates: none loaded");
        }
        return new LoadReport(lines, loaded.problems());
    }

    void log() {
        lines.forEach(LOG::info);
        problems.forEach(p -> LOG.warning(() -> "Not loaded: " + p));
    }
}
