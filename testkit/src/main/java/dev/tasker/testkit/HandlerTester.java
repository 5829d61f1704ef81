package dev.tasker.testkit;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.api.StepHandler;
import dev.tasker.loader.LoadedHandlers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Calls one handler of any language the way a worker would, without a database or a server: load handler files or
 * folders once (per test class), then {@link #step(String)} builds each call. The first call of a language costs
 * its context's start; later calls take milliseconds.
 *
 * <pre>{@code
 * try (HandlerTester tester = HandlerTester.load(Path.of("handlers/linear.rb"))) {
 *     HandlerOutcome outcome = tester.step("LinearWorkflow::StepHandlers::SquareHandler").input("even_number", 6).call();
 *     assertThat(outcome.result().asInt()).isEqualTo(36);
 * }
 * }</pre>
 */
public final class HandlerTester implements AutoCloseable {

    private static final int CONTEXTS_PER_LANGUAGE = 1;

    private final LoadedHandlers handlers;

    private HandlerTester(LoadedHandlers handlers) {
        this.handlers = handlers;
    }

    /**
     * Loads handler files ({@code .rb}, {@code .py}, {@code .ts}, {@code .js}, {@code .mjs}) and folders of them.
     *
     * @throws IllegalArgumentException naming each file that did not load, with its line
     */
    public static HandlerTester load(Path... paths) {
        TestKitChecks.atStart();
        List<Path> all = Arrays.asList(paths);
        LoadedHandlers handlers = LoadedHandlers.loadPaths(all, new GuestSettings(CONTEXTS_PER_LANGUAGE,
                CONTEXTS_PER_LANGUAGE, CONTEXTS_PER_LANGUAGE, Path.of("target", "tasker-ts-cache")));
        List<String> problems = handlers.problems();
        if (!problems.isEmpty()) {
            handlers.close();
            throw new IllegalArgumentException("handlers did not load from " + all + ":\n  " + String.join("\n  ", problems));
        }
        return new HandlerTester(handlers);
    }

    /** A call of the handler that {@code callable} names, as a template's {@code handler.callable} would. */
    public StepCall step(String callable) {
        StepHandler handler = handlers.resolver().resolve(callable).orElseThrow(() -> new IllegalArgumentException(
                "no handler is loaded as '" + callable + "'" + handlers.guests().handlers().problem(callable)
                        .map(p -> ": " + p).orElse("")));
        return new StepCall(callable, handler);
    }

    @Override
    public void close() {
        handlers.close();
    }
}
