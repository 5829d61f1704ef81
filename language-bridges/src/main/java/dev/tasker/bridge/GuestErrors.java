package dev.tasker.bridge;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import java.nio.file.Path;

/** Where a guest error happened, as file:line. */
final class GuestErrors {

    private GuestErrors() {
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
