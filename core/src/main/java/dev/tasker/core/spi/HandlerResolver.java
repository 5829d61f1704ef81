package dev.tasker.core.spi;

import dev.tasker.core.api.StepHandler;
import java.util.Optional;

/** Finds the handler of a callable ({@code handler.callable} of a template step). */
public interface HandlerResolver {

    Optional<StepHandler> resolve(String callable);

    default boolean exists(String callable) {
        return resolve(callable).isPresent();
    }

    /** Handlers that can run only so many at once (none: any number, up to the worker's concurrency). */
    default java.util.List<HandlerGroup> groups() {
        return java.util.List.of();
    }
}
