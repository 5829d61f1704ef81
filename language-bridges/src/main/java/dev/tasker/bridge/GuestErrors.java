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
        String where = location(e, file);
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

    static String location(PolyglotException e, Path file) {
        SourceSection at = e.getSourceLocation();
        if (at != null && at.getSource() != null) {
            String path = at.getSource().getPath() != null ? at.getSource().getPath() : file.toString();
            return path + ":" + at.getStartLine();
        }
        return file.toString();
    }
}
