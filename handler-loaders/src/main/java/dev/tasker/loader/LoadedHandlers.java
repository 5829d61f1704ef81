package dev.tasker.loader;

import dev.tasker.bridge.GuestFiles;
import dev.tasker.bridge.GuestLanguages;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.handler.JavaHandlers;
import dev.tasker.core.spi.HandlerResolver;
import dev.tasker.core.handler.HandlerResolvers;
import dev.tasker.core.template.CallableCheck;
import dev.tasker.core.template.TaskTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The handlers and templates of some directories: guest files loaded into their languages' context
 * pools, Java handlers from the class path (guest callables resolve first, DESIGN §7), and the
 * templates whose callables all resolve. {@link #watch} keeps them in step with the files.
 */
public final class LoadedHandlers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoadedHandlers.class.getName());

    private final List<Path> directories;
    private final String environment;
    private final GuestLanguages guests;
    private final HandlerResolver resolver;
    private volatile HandlerDirectoryScan scan;
    private volatile TemplateFiles templates;
    private HandlerDirectoryWatcher watcher;

    private LoadedHandlers(List<Path> directories, String environment, HandlerDirectoryScan scan, GuestLanguages guests) {
        this(directories, environment, scan, guests, LoadedHandlers.class.getClassLoader());
    }

    private LoadedHandlers(List<Path> directories, String environment, HandlerDirectoryScan scan, GuestLanguages guests,
                           ClassLoader javaClasses) {
        this.directories = List.copyOf(directories);
        this.environment = environment;
        this.scan = scan;
        this.guests = guests;
        this.resolver = HandlerResolvers.firstOf(guests.handlers(), new JavaHandlers(javaClasses));
        this.templates = TemplateFiles.readEach(scan.files(FileKind.TEMPLATE), environment, this::callableCheck);
    }

    /**
     * @param environment whose {@code environments.<name>} template overrides apply (null: none)
     */
    public static LoadedHandlers load(List<Path> directories, GuestSettings settings, String environment) {
        HandlerDirectoryScan scan = HandlerDirectoryScan.of(directories);
        return new LoadedHandlers(directories, environment, scan, GuestLanguages.start(guestFiles(scan, directories), settings));
    }

    /** As {@link #load(List, GuestSettings, String)}, with Java handler classes found through {@code javaClasses}. */
    public static LoadedHandlers load(List<Path> directories, GuestSettings settings, String environment, ClassLoader javaClasses) {
        HandlerDirectoryScan scan = HandlerDirectoryScan.of(directories);
        return new LoadedHandlers(directories, environment, scan, GuestLanguages.start(guestFiles(scan, directories), settings),
                javaClasses);
    }

    /**
     * Handler folders and single handler files, not watched: what a handler test loads. A file's folder is the
     * root its Python dotted path is relative to.
     */
    public static LoadedHandlers loadPaths(List<Path> paths, GuestSettings settings) {
        HandlerDirectoryScan scan = HandlerDirectoryScan.ofPaths(paths);
        List<Path> roots = HandlerDirectoryScan.roots(paths);
        return new LoadedHandlers(roots, null, scan, GuestLanguages.start(guestFiles(scan, roots), settings));
    }

    private static GuestFiles guestFiles(HandlerDirectoryScan scan, List<Path> directories) {
        List<Path> javascript = new ArrayList<>(scan.files(FileKind.JAVASCRIPT));
        javascript.addAll(scan.files(FileKind.TYPESCRIPT));
        List<Path> roots = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        return new GuestFiles(scan.files(FileKind.RUBY), scan.files(FileKind.PYTHON), javascript, roots);
    }

    /**
     * Watches the directories: a created, changed or deleted handler file reloads its language; templates
     * are read again after any change and each valid one is handed to {@code register}.
     */
    public synchronized void watch(Duration interval, Consumer<TaskTemplate> register) {
        if (watcher == null) {
            watcher = new HandlerDirectoryWatcher(directories, interval, kinds -> reload(kinds, register));
            guests.prepareForReload();
        }
    }

    /** Loads again what changed; kinds are the kinds of file that were created, changed or deleted. */
    public synchronized void reload(Set<FileKind> kinds, Consumer<TaskTemplate> register) {
        HandlerDirectoryScan now = HandlerDirectoryScan.of(directories);
        Set<String> languages = new LinkedHashSet<>();
        for (FileKind kind : kinds) {
            switch (kind) {
                case RUBY -> languages.add("ruby");
                case PYTHON -> languages.add("python");
                case TYPESCRIPT, JAVASCRIPT -> languages.add("javascript");
                case TEMPLATE -> { }
            }
        }
        LOG.info(() -> "Handler directories changed (" + kinds + "); reloading");
        guests.reload(guestFiles(now, directories), languages);
        scan = now;
        TemplateFiles read = TemplateFiles.readEach(now.files(FileKind.TEMPLATE), environment, this::callableCheck);
        templates = read;
        read.templates().forEach(register);
        read.problems().forEach(p -> LOG.warning(() -> "Not loaded: " + p));
    }

    /**
     * For the templates of {@code templateFile}: a callable that names handlers of several languages takes the one in
     * the template's own handler directory (Tasker keeps each language's templates beside its handlers).
     */
    CallableCheck callableCheck(Path templateFile) {
        CallableCheck base = callableCheck();
        Path root = directories.stream().map(d -> d.toAbsolutePath().normalize())
                .filter(d -> templateFile.toAbsolutePath().normalize().startsWith(d)).findFirst().orElse(null);
        return new CallableCheck() {
            @Override
            public Optional<String> problem(String callable) {
                return base.problem(callable);
            }

            @Override
            public String resolved(String callable) {
                return root == null ? callable : guests.handlers().qualifiedIn(callable, root).orElse(callable);
            }
        };
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
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
        }
        guests.close();
    }
}
