package dev.tasker.bridge;

import java.nio.file.Path;
import java.util.List;

/**
 * The handler files of each guest language and the directories they live in (which the sandbox lets
 * them read).
 *
 * @param javascript {@code .js}, {@code .mjs} and {@code .ts} files
 */
public record GuestFiles(List<Path> ruby, List<Path> python, List<Path> javascript, List<Path> roots) {

    public GuestFiles {
        ruby = List.copyOf(ruby);
        python = List.copyOf(python);
        javascript = List.copyOf(javascript);
        roots = List.copyOf(roots);
    }

    boolean hasTypeScript() {
        return javascript.stream().anyMatch(f -> f.getFileName().toString().endsWith(".ts"));
    }
}
