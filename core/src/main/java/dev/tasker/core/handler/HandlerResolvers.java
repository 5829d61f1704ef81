package dev.tasker.core.handler;

import dev.tasker.core.api.StepHandler;
import dev.tasker.core.spi.HandlerGroup;
import dev.tasker.core.spi.HandlerResolver;
import java.util.List;
import java.util.Optional;

/** Several resolvers as one: the first that knows a callable answers. */
public final class HandlerResolvers implements HandlerResolver {

    private final List<HandlerResolver> resolvers;

    private HandlerResolvers(List<HandlerResolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    public static HandlerResolver firstOf(HandlerResolver... resolvers) {
        return new HandlerResolvers(List.of(resolvers));
    }

    @Override
    public Optional<StepHandler> resolve(String callable) {
        for (HandlerResolver r : resolvers) {
            Optional<StepHandler> handler = r.resolve(callable);
            if (handler.isPresent()) {
                return handler;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<HandlerGroup> groups() {
        return resolvers.stream().flatMap(r -> r.groups().stream()).toList();
    }
}
