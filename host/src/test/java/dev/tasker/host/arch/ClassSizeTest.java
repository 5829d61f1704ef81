package dev.tasker.host.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §12's small classes, held where the engine lives: no source file of core or db over 300 lines. */
class ClassSizeTest {

    private static final int MOST_LINES = 300;

    @Test
    void noSourceFileOfCoreOrDbIsOverThreeHundredLines() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> tooLong;
        try (Stream<Path> sources = Stream.concat(Files.walk(root.resolve("core/src/main/java")),
                Files.walk(root.resolve("db/src/main/java")))) {
            tooLong = sources.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    long lines = Files.readAllLines(p).size();
                    return lines > MOST_LINES ? root.relativize(p) + ": " + lines + " lines" : null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(java.util.Objects::nonNull).sorted().toList();
        }
        assertThat(tooLong).as("source files over " + MOST_LINES + " lines").isEmpty();
    }
}
