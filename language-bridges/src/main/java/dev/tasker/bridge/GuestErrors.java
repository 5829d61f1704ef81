package dev.tasker.bridge;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.nio.file.Path;

/** Where a guest error happened, as file:line. */
final class GuestErrors {

    private GuestErrors() {
    }

    /** file:line: SyntaxError: message, on one line. */
    static String describeLoadError(PolyglotException e, Path file) {
        return describeLoadError(e, file, java.util.List.of());
    }

    /**
     * As {@link #describeLoadError(PolyglotException, Path)}, the line being the innermost one in a file below
     * {@code roots} (an import that fails inside the language's own library names the handler line that imported).
     */
    static String describeLoadError(PolyglotException e, Path file, java.util.List<Path> roots) {
        String where = location(e, file, roots);
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
        if (message.startsWith(where + ": ")) {
            message = message.substring(where.length() + 2);
        }
        String name = java.util.regex.Pattern.quote(file.getFileName().toString());
        message = message.replaceFirst("^(\\w*Error: )?(\\S*/)?" + name + ":\\d+(:\\d+)?:?\\s*", "$1")
                .replaceFirst("\\s*\\(" + name + ", line \\d+\\)$", "");
        if (e.isSyntaxError() && !message.contains("SyntaxError")) {
            message = "SyntaxError: " + message;
        }
        return where + ": " + message;
    }

    static String location(PolyglotException e, Path file, java.util.List<Path> roots) {
        if (!roots.isEmpty() && !inRoots(e.getSourceLocation(), roots)) {
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                if (frame.isGuestFrame() && inRoots(frame.getSourceLocation(), roots)) {
                    return frame.getSourceLocation().getSource().getPath() + ":" + frame.getSourceLocation().getStartLine();
                }
            }
        }
        return location(e, file);
    }

    private static boolean inRoots(SourceSection at, java.util.List<Path> roots) {
        if (at == null || at.getSource() == null || at.getSource().getPath() == null) {
            return false;
        }
        Path path = Path.of(at.getSource().getPath()).toAbsolutePath().normalize();
        return roots.stream().anyMatch(r -> path.startsWith(r.toAbsolutePath().normalize()));
    }

    static String location(PolyglotException e, Path file) {
        SourceSection at = e.getSourceLocation();
        if (at != null && at.getSource() != null) {
            String path = at.getSource().getPath() != null ? at.getSource().getPath() : file.toString();
            return path + ":" + at.getStartLine();
        }
        return file.toString();
    }
}
