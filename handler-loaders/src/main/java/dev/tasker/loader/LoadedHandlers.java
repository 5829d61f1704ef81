package dev.tasker.loader;

import dev.tasker.bridge.GuestFiles;
import dev.tasker.bridge.GuestLanguages;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.handler.HandlerResolver;
import dev.tasker.core.handler.HandlerResolvers;
import dev.tasker.core.handler.JavaHandlers;
import dev.tasker.core.template.CallableCheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The handlers and templates of some directories: guest files loaded into their languages' context
 * pools, Java handlers from the class path (guest callables resolve first, DESIGN §7), and the
 * templates whose callables all resolve.
 */
public final class LoadedHandlers implements AutoCloseable {

    private final HandlerDirectoryScan scan;
    private final GuestLanguages guests;
    private final HandlerResolver resolver;
    private final TemplateFiles templates;

    private LoadedHandlers(HandlerDirectoryScan scan, GuestLanguages guests, String environment) {
        this.scan = scan;
        this.guests = guests;
        this.resolver = HandlerResolvers.firstOf(guests.handlers(), new JavaHandlers());
        this.templates = TemplateFiles.read(scan.files(FileKind.TEMPLATE), environment, callableCheck());
    }

    /**
     * @param environment whose {@code environments.<name>} template overrides apply (null: none)
     */
    public static LoadedHandlers load(List<Path> directories, GuestSettings settings, String environment) {
        HandlerDirectoryScan scan = HandlerDirectoryScan.of(directories);
        List<Path> javascript = new ArrayList<>(scan.files(FileKind.JAVASCRIPT));
        javascript.addAll(scan.files(FileKind.TYPESCRIPT));
        List<Path> roots = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        GuestFiles files = new GuestFiles(scan.files(FileKind.RUBY), scan.files(FileKind.PYTHON), javascript, roots);
        return new LoadedHandlers(scan, GuestLanguages.start(files, settings), environment);
    }

    /** Ambiguous among the guest languages, or resolved by no language and no Java class. */
    public CallableCheck callableCheck() {
        return callable -> guests.handlers().problem(callable).or(() -> resolver.exists(callable) ? Optional.empty()
                : Optional.of("resolves to no handler (no Ruby, Python, TypeScript or JavaScript file registers it, "
                        + "and no Java class of that name implements StepHandler)"));
    }

    public HandlerResolver resolver() {
        return resolver;
    }

    public HandlerDirectoryScan scan() {
        return scan;
    }

    public GuestLanguages guests() {
        return guests;
    }

    public TemplateFiles templates() {
        return templates;
    }

    /** Unreadable directories, files that did not load, and refused templates: one line each, with file and line. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(scan.problems());
        problems.addAll(guests.loadErrors());
        problems.addAll(templates.problems());
        return problems;
    }

    @Override
    public void close() {
        guests.close();
    }
}
