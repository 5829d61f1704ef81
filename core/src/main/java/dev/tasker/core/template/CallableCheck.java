package dev.tasker.core.template;

import java.util.Optional;
import java.util.function.Predicate;

/** What is wrong with a step's callable, if anything: e.g. "resolves to no handler", "is ambiguous: …". */
@FunctionalInterface
public interface CallableCheck {

    Optional<String> problem(String callable);

    /**
     * The callable as tasks of this template store it: unchanged, or qualified where it names handlers of several
     * languages and one of them stands beside the template (e.g. {@code py:} before it).
     */
    default String resolved(String callable) {
        return callable;
    }

    static CallableCheck of(Predicate<String> exists) {
        return callable -> exists.test(callable) ? Optional.empty() : Optional.of("resolves to no handler");
    }
}
