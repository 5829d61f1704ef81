package dev.tasker.core.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Callables this JVM found no handler for, left out of its claims for a while (a reload may bring them). */
final class MissingHandlers {

    private final Duration hold;
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    MissingHandlers(Duration hold) {
        this.hold = hold;
    }

    void missing(String callable) {
        until.put(callable, System.nanoTime() + hold.toNanos());
    }

    Set<String> current() {
        if (until.isEmpty()) {
            return Set.of();
        }
        long now = System.nanoTime();
        until.values().removeIf(end -> end - now < 0);
        return Set.copyOf(until.keySet());
    }
}
