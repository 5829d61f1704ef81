package dev.tasker.core.retry;

import java.util.Arrays;
import java.util.Optional;

/** How the wait before a retry grows with the number of attempts made. */
public enum Backoff {
    NONE, LINEAR, EXPONENTIAL, FIBONACCI;

    private final String yamlName = name().toLowerCase();

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Backoff> fromYaml(String name) {
        return Arrays.stream(values()).filter(b -> b.yamlName.equals(name)).findFirst();
    }

    /** The un-jittered, uncapped wait in ms after {@code attempts} failed attempts (1 = after the first). */
    long rawDelayMs(int attempts, long baseMs) {
        int n = Math.max(1, attempts);
        return switch (this) {
            case NONE -> 0;
            case LINEAR -> baseMs * n;
            case EXPONENTIAL -> n >= 62 ? Long.MAX_VALUE : saturatingMultiply(baseMs, 1L << (n - 1));
            case FIBONACCI -> saturatingMultiply(baseMs, fibonacci(n));
        };
    }

    private static long fibonacci(int n) {
        long a = 1;
        long b = 1;
        for (int i = 2; i < n && b < Long.MAX_VALUE / 2; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return b;
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
