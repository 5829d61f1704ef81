package dev.tasker.loader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a file in a handler directory is, by its extension. Test files beside handlers (RSpec's {@code *_spec.rb},
 * {@code *.test.ts} and {@code *.spec.ts}, pytest's {@code conftest.py}) and type declarations are not handler files.
 */
public enum FileKind {
    RUBY, PYTHON, TYPESCRIPT, JAVASCRIPT, TEMPLATE;

    public static Optional<FileKind> of(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".d.ts") || name.endsWith("_spec.rb") || name.matches(".*\\.(test|spec)\\.(ts|js|mjs)")
                || name.equals("conftest.py")) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "rb" -> Optional.of(RUBY);
            case "py" -> Optional.of(PYTHON);
            case "ts" -> Optional.of(TYPESCRIPT);
            case "js", "mjs" -> Optional.of(JAVASCRIPT);
            case "yaml", "yml" -> Optional.of(TEMPLATE);
            default -> Optional.empty();
        };
    }
}
