package dev.tasker.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The handler files and templates found below some directories, by kind, and the directories that
 * could not be read.
 *
 * @param filesByKind e.g. {@code rb -> [..]}, {@code yaml -> [..]}
 * @param problems    one line per unreadable directory
 */
public record HandlerDirectoryScan(Map<FileKind, List<Path>> filesByKind, List<String> problems) {

    public static HandlerDirectoryScan of(List<Path> directories) {
        Map<FileKind, List<Path>> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                problems.add(dir + ": not a directory (handler directories must be existing folders)");
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).sorted().forEach(p -> FileKind.of(p)
                        .ifPresent(kind -> files.computeIfAbsent(kind, k -> new ArrayList<>()).add(p)));
            } catch (IOException | UncheckedIOException e) {
                problems.add(dir + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return new HandlerDirectoryScan(files, problems);
    }

    public int count(FileKind kind) {
        return files(kind).size();
    }

    public List<Path> files(FileKind kind) {
        return filesByKind.getOrDefault(kind, List.of());
    }

    /** e.g. "3 Ruby, 2 Python, 0 TypeScript, 1 JavaScript handler files; 4 template files". */
    public String summary() {
        return "%d Ruby, %d Python, %d TypeScript, %d JavaScript handler files; %d template files".formatted(
                count(FileKind.RUBY), count(FileKind.PYTHON), count(FileKind.TYPESCRIPT), count(FileKind.JAVASCRIPT),
                count(FileKind.TEMPLATE));
    }
}
