package dev.tasker.bridge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How many long-lived contexts each guest language keeps, and where transpiled TypeScript is cached.
 *
 * @param javascriptPoolSize shared by JavaScript and TypeScript handlers
 */
public record GuestSettings(int rubyPoolSize, int pythonPoolSize, int javascriptPoolSize, Path typeScriptCache) {

    /** A context per core, and at least two, so one slow handler does not hold up its language. */
    public static final int DEFAULT_POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

    public GuestSettings {
        Objects.requireNonNull(typeScriptCache, "typeScriptCache");
        requirePositive("ruby", rubyPoolSize);
        requirePositive("python", pythonPoolSize);
        requirePositive("javascript", javascriptPoolSize);
    }

    public static GuestSettings defaults(Path home) {
        return new GuestSettings(DEFAULT_POOL_SIZE, DEFAULT_POOL_SIZE, DEFAULT_POOL_SIZE, home.resolve("ts-cache"));
    }

    private static void requirePositive(String language, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("tasker.languages." + language + ".pool.size must be at least 1, not " + size);
        }
    }
}
