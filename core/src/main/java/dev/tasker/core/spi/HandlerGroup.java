package dev.tasker.core.spi;

import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Callables that share a limited runner (a guest language's contexts): at most {@code capacity} of their steps can run
 * at once in this JVM, so the worker takes no more of them than that.
 *
 * @param callables every form a step's callable may take for these handlers (with and without a language prefix)
 * @param capacity how many can run at once now (a pool that grows raises it)
 */
public record HandlerGroup(String name, Set<String> callables, IntSupplier capacity) {

    public boolean contains(String callable) {
        return callables.contains(callable);
    }
}
