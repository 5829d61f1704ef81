package dev.tasker.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether guest code may read a path: it must lie below one of the readable directories once symbolic links are
 * resolved (a link inside a handler folder that points at {@code /etc} leads nowhere), and must not be one of the
 * language's refused libraries.
 */
final class ReadablePaths implements Predicate<Path> {

    private final List<Path> roots;
    private final Predicate<Path> refused;

    ReadablePaths(List<Path> roots) {
        this(roots, path -> false);
    }

    /** @param refused paths below the roots that stay unreadable, given with links resolved */
    ReadablePaths(List<Path> roots, Predicate<Path> refused) {
        this.roots = roots.stream().map(ReadablePaths::real).toList();
        this.refused = refused;
    }

    @Override
    public boolean test(Path path) {
        Path real = real(path);
        return roots.stream().anyMatch(real::startsWith) && !refused.test(real);
    }

    /** Also for a string from guest code; a relative path is relative to the process's working directory. */
    boolean test(String path) {
        try {
            return test(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The path with links resolved as far as it exists (a missing file below a root is still below it). */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
