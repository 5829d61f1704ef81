package dev.tasker.bridge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host side of the JavaScript {@code fs.readFileSync}: {@code __tasker_read_file(pathOrFileUrl)} answers
 * {@code {"ok": true, "text": …}} for a file below a handler directory, else {@code {"ok": false, "message": …}}.
 * Relative paths are relative to the first handler directory.
 */
final class GuestFileReader implements ProxyExecutable {

    private final List<Path> roots;
    private final ReadablePaths readable;

    GuestFileReader(List<Path> roots) {
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        this.readable = new ReadablePaths(roots);
    }

    @Override
    public Object execute(Value... args) {
        String name = args.length == 0 || args[0].isNull() ? "" : args[0].asString();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        try {
            Path file = resolve(name);
            if (!readable.test(file)) {
                return answer.put("ok", false).put("message", "EACCES: '" + name
                        + "' is outside the handler directories, which are all a handler may read").toString();
            }
            return answer.put("ok", true).put("text", Files.readString(file)).toString();
        } catch (IOException | IllegalArgumentException e) {
            return answer.put("ok", false).put("message", "ENOENT: cannot read '" + name + "' (" + e.getMessage() + ")").toString();
        }
    }

    private Path resolve(String name) {
        Path path = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
        if (!path.isAbsolute() && !roots.isEmpty()) {
            path = roots.getFirst().resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }
}
