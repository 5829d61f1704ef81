package dev.tasker.bridge;

import dev.tasker.core.handler.HandlerResolver;
import dev.tasker.core.handler.StepHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves callables to guest handlers: {@code js:Name}, or a name a guest registered. */
public final class GuestHandlers implements HandlerResolver {

    private final JsRuntime js;
    private final Map<String, StepHandler> handlers = new ConcurrentHashMap<>();

    public GuestHandlers(JsRuntime js) {
        this.js = js;
    }

    @Override
    public Optional<StepHandler> resolve(String callable) {
        String name = callable.startsWith("js:") ? callable.substring(3) : callable;
        if (js == null || !js.handlerNames().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(handlers.computeIfAbsent(name, n -> new GuestStepHandler(js, n)));
    }
}
