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

    /**
     * Directories (walked) and single handler files, as a handler test names them; a file's folder is its root.
     */
    public static HandlerDirectoryScan ofPaths(List<Path> paths) {
        HandlerDirectoryScan dirs = of(paths.stream().filter(Files::isDirectory).toList());
        Map<FileKind, List<Path>> files = new TreeMap<>();
        dirs.filesByKind().forEach((kind, list) -> files.put(kind, new ArrayList<>(list)));
        List<String> problems = new ArrayList<>(dirs.problems());
        for (Path path : paths.stream().filter(p -> !Files.isDirectory(p)).toList()) {
            Path file = path.toAbsolutePath().normalize();
            FileKind.of(file).filter(kind -> Files.isRegularFile(file)).ifPresentOrElse(
                    kind -> files.computeIfAbsent(kind, k -> new ArrayList<>()).add(file),
                    () -> problems.add(path + ": not a folder nor a .rb, .py, .ts, .js, .mjs or .yaml file"));
        }
        return new HandlerDirectoryScan(files, problems);
    }

    /** The folders that name what the files are relative to: each directory itself, a file's parent. */
    public static List<Path> roots(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize())
                .map(p -> Files.isDirectory(p) || p.getParent() == null ? p : p.getParent()).distinct().toList();
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
