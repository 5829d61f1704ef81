package dev.tasker.loader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerDirectoryWatcherTest {

    @Test
    void aReloadThatFailedIsTriedAgainWithoutAnotherEdit(@TempDir Path dir) throws Exception {
        List<Set<FileKind>> calls = new CopyOnWriteArrayList<>();
        try (var watcher = new HandlerDirectoryWatcher(List.of(dir), Duration.ofMillis(50), kinds -> {
            calls.add(Set.copyOf(kinds));
            if (calls.size() < 3) {
                throw new IllegalStateException("database unreachable");
            }
        })) {
            Files.writeString(dir.resolve("flow.yaml"), "name: flow\n");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (calls.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);

            assertThat(calls).hasSize(3).containsOnly(Set.of(FileKind.TEMPLATE));
        }
    }
}
