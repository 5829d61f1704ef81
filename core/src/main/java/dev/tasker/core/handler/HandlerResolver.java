package dev.tasker.core.handler;

import java.util.Optional;

/** Finds the handler of a callable ({@code handler.callable} of a template step). */
public interface HandlerResolver {

    Optional<StepHandler> resolve(String callable);

    default boolean exists(String callable) {
        return resolve(callable).isPresent();
    }
}
