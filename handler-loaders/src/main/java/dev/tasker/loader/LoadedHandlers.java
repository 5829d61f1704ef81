package dev.tasker.loader;

import dev.tasker.bridge.GuestFiles;
import dev.tasker.bridge.GuestLanguages;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.handler.HandlerResolver;
import dev.tasker.core.handler.HandlerResolvers;
import dev.tasker.core.handler.JavaHandlers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers of some directories, running: guest files loaded into their languages' context pools,
 * and Java handlers from the class path. Guest callables resolve before Java classes (DESIGN §7).
 */
public final class LoadedHandlers implements AutoCloseable {

    private final HandlerDirectoryScan scan;
    private final GuestLanguages guests;
    private final HandlerResolver resolver;

    private LoadedHandlers(HandlerDirectoryScan scan, GuestLanguages guests) {
        this.scan = scan;
        this.guests = guests;
        this.resolver = HandlerResolvers.firstOf(guests.resolver(), new JavaHandlers());
    }

    public static LoadedHandlers load(List<Path> directories, GuestSettings settings) {
        HandlerDirectoryScan scan = HandlerDirectoryScan.of(directories);
        List<Path> javascript = new ArrayList<>(scan.files(FileKind.JAVASCRIPT));
        javascript.addAll(scan.files(FileKind.TYPESCRIPT));
        List<Path> roots = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        GuestFiles files = new GuestFiles(scan.files(FileKind.RUBY), scan.files(FileKind.PYTHON), javascript, roots);
        return new LoadedHandlers(scan, GuestLanguages.start(files, settings));
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

    /** Unreadable directories, then files that did not load, one line each with file and line. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(scan.problems());
        problems.addAll(guests.loadErrors());
        return problems;
    }

    @Override
    public void close() {
        guests.close();
    }
}
