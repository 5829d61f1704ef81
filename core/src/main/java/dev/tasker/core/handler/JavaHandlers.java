package dev.tasker.core.handler;

import dev.tasker.core.api.StepHandler;
import dev.tasker.core.spi.HandlerResolver;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java handlers: registered by name, or found as a class implementing {@link StepHandler} by its
 * name (with or without the {@code java:} prefix), created once with its no-argument constructor.
 */
public final class JavaHandlers implements HandlerResolver {

    private static final String PREFIX = "java:";

    private final Map<String, StepHandler> registered = new ConcurrentHashMap<>();
    private final Map<String, Optional<StepHandler>> byClassName = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;

    public JavaHandlers() {
        this(JavaHandlers.class.getClassLoader());
    }

    public JavaHandlers(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public JavaHandlers register(String name, StepHandler handler) {
        registered.put(name, handler);
        return this;
    }

    @Override
    public Optional<StepHandler> resolve(String callable) {
        String name = callable.startsWith(PREFIX) ? callable.substring(PREFIX.length()) : callable;
        StepHandler handler = registered.get(name);
        if (handler != null) {
            return Optional.of(handler);
        }
        return byClassName.computeIfAbsent(name, this::instantiate);
    }

    private Optional<StepHandler> instantiate(String className) {
        if (!className.matches("[\\w$]+(\\.[\\w$]+)+")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            if (!StepHandler.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            return Optional.of((StepHandler) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            return Optional.empty();
        }
    }
}
