package dev.tasker.core.template;

import java.util.Optional;
import java.util.function.Predicate;

/** What is wrong with a step's callable, if anything: e.g. "resolves to no handler", "is ambiguous: …". */
@FunctionalInterface
public interface CallableCheck {

    Optional<String> problem(String callable);

    static CallableCheck of(Predicate<String> exists) {
        return callable -> exists.test(callable) ? Optional.empty() : Optional.of("resolves to no handler");
    }
}
