package dev.tasker.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Looks at the handler files and templates below some directories every {@code interval} and reports
 * which kinds of file were created, changed or deleted. Polling (size and modification time) rather than
 * a file-system watch: it sees new subdirectories at once and behaves the same on every file system.
 */
public final class HandlerDirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HandlerDirectoryWatcher.class.getName());
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

    private record Stamp(long size, java.nio.file.attribute.FileTime modified) {
    }

    private final List<Path> directories;
    private final Duration interval;
    private final Consumer<Set<FileKind>> onChange;
    private final Thread thread;
    private volatile boolean stopped;
    private Map<Path, Stamp> last;

    public HandlerDirectoryWatcher(List<Path> directories, Duration interval, Consumer<Set<FileKind>> onChange) {
        this.directories = List.copyOf(directories);
        this.interval = interval;
        this.onChange = onChange;
        this.last = snapshot();
        this.thread = Thread.ofPlatform().name("tasker-handler-watch").daemon().unstarted(this::run);
        thread.start();
    }

    /**
     * A reload that failed (a template's registration while the database is away, say) is tried again, with the
     * changes since, after a growing pause: it is not left until the next edit.
     */
    private void run() {
        Set<FileKind> unapplied = EnumSet.noneOf(FileKind.class);
        int failures = 0;
        long retryAt = 0;
        while (!stopped) {
            try {
                Thread.sleep(interval);
                Map<Path, Stamp> now = snapshot();
                Set<FileKind> changed = changedKinds(last, now);
                last = now;
                if (changed.isEmpty() && (unapplied.isEmpty() || System.nanoTime() - retryAt < 0)) {
                    continue;
                }
                changed.addAll(unapplied);
                try {
                    onChange.accept(changed);
                    unapplied.clear();
                    failures = 0;
                } catch (RuntimeException e) {
                    unapplied.addAll(changed);
                    failures++;
                    long pause = Math.min(MAX_RETRY_PAUSE.toMillis(), interval.toMillis() << Math.min(failures, 16));
                    retryAt = System.nanoTime() + pause * 1_000_000;
                    LOG.log(Level.WARNING, "Reloading the handler directories failed (" + e.getMessage() + "); trying again in "
                            + pause + " ms", e);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Looking at the handler directories failed: " + e.getMessage(), e);
            }
        }
    }

    private static Set<FileKind> changedKinds(Map<Path, Stamp> before, Map<Path, Stamp> after) {
        Set<FileKind> kinds = EnumSet.noneOf(FileKind.class);
        Set<Path> all = new HashSet<>(before.keySet());
        all.addAll(after.keySet());
        for (Path file : all) {
            if (!Objects.equals(before.get(file), after.get(file))) {
                FileKind.of(file).ifPresent(kinds::add);
            }
        }
        return kinds;
    }

    private Map<Path, Stamp> snapshot() {
        Map<Path, Stamp> stamps = new HashMap<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.filter(p -> FileKind.of(p).isPresent() && Files.isRegularFile(p)).forEach(p -> {
                    try {
                        stamps.put(p, new Stamp(Files.size(p), Files.getLastModifiedTime(p)));
                    } catch (IOException e) {
                        // deleted while walking: absent from this snapshot
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a directory vanished mid-walk; the next round sees the new state
            }
        }
        return stamps;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
