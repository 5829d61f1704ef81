package dev.tasker.bridge;

import dev.tasker.core.handler.HandlerResolver;
import dev.tasker.core.handler.StepHandler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves callables to guest handlers: with a language prefix ({@code js:}, {@code py:}, {@code rb:}), or
 * a name one of the languages registered.
 */
public final class GuestHandlers implements HandlerResolver {

    private static final Map<String, String> PREFIXES = Map.of("js:", JsRuntime.LANGUAGE, "ts:", JsRuntime.LANGUAGE,
            "py:", PythonRuntime.LANGUAGE, "rb:", "ruby");

    private final List<LanguageRuntime> runtimes;
    private final Map<String, StepHandler> handlers = new ConcurrentHashMap<>();

    public GuestHandlers(LanguageRuntime... runtimes) {
        this.runtimes = List.of(runtimes);
    }

    @Override
    public Optional<StepHandler> resolve(String callable) {
        String language = null;
        String name = callable;
        for (var prefix : PREFIXES.entrySet()) {
            if (callable.startsWith(prefix.getKey())) {
                language = prefix.getValue();
                name = callable.substring(prefix.getKey().length());
            }
        }
        for (LanguageRuntime runtime : runtimes) {
            if ((language == null || language.equals(runtime.language())) && runtime.handlerNames().contains(name)) {
                String key = runtime.language() + ":" + name;
                String handlerName = name;
                return Optional.of(handlers.computeIfAbsent(key, k -> new GuestStepHandler(runtime, handlerName)));
            }
        }
        return Optional.empty();
    }
}
