package dev.tasker.bridge;

import org.graalvm.polyglot.Engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The guest languages of one JVM: for each language that has handler files, one engine and one pool of
 * contexts. The languages start in parallel with one context each; once all can run handlers the pools
 * grow to their configured size in the background, so the start-ups do not fight for the cores.
 * A language without files starts nothing.
 */
public final class GuestLanguages implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GuestLanguages.class.getName());

    /** A started language: its engine, runtime and how long the pool took to fill. */
    public record Started(Engine engine, LanguageRuntime runtime, TypeScriptCompiler typeScript, Duration startup) {
    }

    private final Map<String, Started> started;
    private final GuestHandlers handlers;

    private GuestLanguages(Map<String, Started> started) {
        this.started = started;
        this.handlers = new GuestHandlers(started.values().stream().map(Started::runtime).toArray(LanguageRuntime[]::new));
    }

    public static GuestLanguages start(GuestFiles files, GuestSettings settings) {
        Map<String, Callable<Started>> wanted = new LinkedHashMap<>();
        if (!files.ruby().isEmpty()) {
            wanted.put(RubyRuntime.LANGUAGE, () -> timed(engine -> new Parts(
                    new RubyRuntime(engine, files.ruby(), files.roots(), 1), null)));
        }
        if (!files.python().isEmpty()) {
            wanted.put(PythonRuntime.LANGUAGE, () -> timed(engine -> new Parts(
                    new PythonRuntime(engine, files.python(), files.roots(), 1), null)));
        }
        if (!files.javascript().isEmpty()) {
            wanted.put(JsRuntime.LANGUAGE, () -> timed(engine -> {
                TypeScriptCompiler compiler = files.hasTypeScript() ? new TypeScriptCompiler(engine, settings.typeScriptCache()) : null;
                return new Parts(new JsRuntime(engine, files.javascript(), files.roots(), 1, compiler),
                        compiler);
            }));
        }
        Map<String, Started> started = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return new GuestLanguages(started);
        }
        ExecutorService starters = Executors.newFixedThreadPool(wanted.size(), r -> new Thread(r, "tasker-language-start"));
        try {
            Map<String, Future<Started>> futures = new LinkedHashMap<>();
            wanted.forEach((language, task) -> futures.put(language, starters.submit(task)));
            List<RuntimeException> failures = new ArrayList<>();
            for (var future : futures.entrySet()) {
                try {
                    started.put(future.getKey(), future.getValue().get());
                } catch (ExecutionException e) {
                    failures.add(new IllegalStateException("could not start " + future.getKey() + ": " + e.getCause().getMessage(),
                            e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                new GuestLanguages(started).close();
                throw failures.getFirst();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new GuestLanguages(started).close();
            throw new IllegalStateException("interrupted while starting the guest languages", e);
        } finally {
            starters.shutdown();
        }
        Map<String, Integer> sizes = Map.of(RubyRuntime.LANGUAGE, settings.rubyPoolSize(),
                PythonRuntime.LANGUAGE, settings.pythonPoolSize(), JsRuntime.LANGUAGE, settings.javascriptPoolSize());
        started.forEach((language, s) -> s.runtime().growPool(sizes.get(language)));
        started.forEach((language, s) -> LOG.info(() -> "%s: ready in %d ms (1 of %d contexts; the others start in the background)%s; callables: %s".formatted(language,
                s.startup().toMillis(), s.runtime().poolSize(),
                s.runtime().loadErrors().isEmpty() ? "" : " (" + s.runtime().loadErrors().size() + " files did not load)",
                String.join(", ", new java.util.TreeSet<>(s.runtime().handlerNames())))));
        return new GuestLanguages(started);
    }

    private record Parts(LanguageRuntime runtime, TypeScriptCompiler typeScript) {
    }

    private static Started timed(Function<Engine, Parts> build) {
        long begin = System.nanoTime();
        Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        try {
            Parts parts = build.apply(engine);
            return new Started(engine, parts.runtime(), parts.typeScript(), Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException e) {
            engine.close(true);
            throw e;
        }
    }

    public GuestHandlers handlers() {
        return handlers;
    }

    /** The started languages by name (ruby, python, javascript), in start order. */
    public Map<String, Started> languages() {
        return Map.copyOf(started);
    }

    /** One line per handler file that did not load, of every language. */
    public List<String> loadErrors() {
        List<String> errors = new ArrayList<>();
        started.values().forEach(s -> errors.addAll(s.runtime().loadErrors()));
        return errors;
    }

    @Override
    public void close() {
        for (Started s : started.values()) {
            s.runtime().close();
            if (s.typeScript() != null) {
                s.typeScript().close();
            }
            s.engine().close(true);
        }
    }
}
