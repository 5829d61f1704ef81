package dev.tasker.bridge;

import org.graalvm.polyglot.Engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The guest languages of one JVM: for each language that has handler files, one engine and one pool of
 * contexts (a generation). The languages start in parallel with one context each; once all can run
 * handlers the pools grow to their configured size in the background, so the start-ups do not fight
 * for the cores. A language without files starts nothing.
 * <p>
 * {@link #reload} builds a new generation of a language on its engine and swaps it in: new attempts run
 * the new code, attempts already running finish on the old generation, which closes once drained. A
 * reload in which a file that loaded before no longer loads keeps the previous generation serving.
 */
public final class GuestLanguages implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GuestLanguages.class.getName());

    /** A started language: its engine, current runtime and how long that runtime's first context took. */
    public record Started(Engine engine, LanguageRuntime runtime, TypeScriptCompiler typeScript, Duration startup) {
    }

    private final GuestSettings settings;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keptBack = new ConcurrentHashMap<>();
    private final GuestHandlers handlers = new GuestHandlers();

    private GuestLanguages(GuestSettings settings) {
        this.settings = settings;
    }

    public static GuestLanguages start(GuestFiles files, GuestSettings settings) {
        GuestLanguages guests = new GuestLanguages(settings);
        List<String> wanted = GuestLanguage.ALL.stream().filter(l -> !l.files(files).isEmpty()).map(GuestLanguage::languageName).toList();
        if (wanted.isEmpty()) {
            return guests;
        }
        ExecutorService starters = Executors.newFixedThreadPool(wanted.size(), r -> new Thread(r, "tasker-language-start"));
        try {
            Map<String, Future<Started>> futures = new TreeMap<>();
            for (String language : wanted) {
                futures.put(language, starters.submit(() -> guests.generation(GuestLanguage.named(language), files, null)));
            }
            List<RuntimeException> failures = new ArrayList<>();
            for (var future : futures.entrySet()) {
                try {
                    guests.install(future.getKey(), future.getValue().get());
                } catch (ExecutionException e) {
                    failures.add(new IllegalStateException("could not start " + future.getKey() + ": " + e.getCause().getMessage(),
                            e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                guests.close();
                throw failures.getFirst();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            guests.close();
            throw new IllegalStateException("interrupted while starting the guest languages", e);
        } finally {
            starters.shutdown();
        }
        guests.started.forEach((language, s) -> guests.grow(language, s.runtime()));
        guests.started.forEach((language, s) -> LOG.info(() -> "%s: ready in %d ms (1 of %d contexts; the others start in the background)%s; callables: %s"
                .formatted(language, s.startup().toMillis(), s.runtime().poolSize(),
                        s.runtime().loadErrors().isEmpty() ? "" : " (" + s.runtime().loadErrors().size() + " files did not load)",
                        String.join(", ", new TreeSet<>(s.runtime().handlerNames())))));
        return guests;
    }

    /**
     * Loads the given languages again from {@code files}: a new generation on the language's engine, or
     * the language started or stopped when it gained its first or lost its last file.
     */
    public synchronized void reload(GuestFiles files, Set<String> languages) {
        for (String language : languages) {
            GuestLanguage spec = GuestLanguage.named(language);
            Started current = started.get(language);
            if (spec.files(files).isEmpty()) {
                if (current != null) {
                    started.remove(language);
                    keptBack.remove(language);
                    handlers.remove(language);
                    current.runtime().retire(null, () -> closeEngine(current));
                    LOG.info(() -> language + ": no handler files left; stopped");
                }
                continue;
            }
            Started next = generation(spec, files, current);
            List<String> broken = brokenFiles(current, next.runtime());
            if (!broken.isEmpty()) {
                next.runtime().close();
                keptBack.put(language, broken.stream().map(e -> e + " (the previous " + language + " handlers keep serving until it is fixed)").toList());
                broken.forEach(e -> LOG.warning(() -> "Reload kept the previous " + language + " handlers: " + e));
                continue;
            }
            keptBack.remove(language);
            install(language, next);
            grow(language, next.runtime());
            if (current != null) {
                current.runtime().retire(next.runtime(), () -> { });
            }
            LOG.info(() -> "%s: reloaded in %d ms; callables: %s".formatted(language, next.startup().toMillis(),
                    String.join(", ", new TreeSet<>(next.runtime().handlerNames()))));
        }
    }

    /** For a JVM that reloads edited files: loads the TypeScript compiler in the background if it is not loaded yet. */
    public void prepareForReload() {
        Started js = started.get(JsRuntime.LANGUAGE);
        if (js != null && js.typeScript() != null) {
            Thread.ofPlatform().name("tasker-typescript-warm-up").daemon().start(js.typeScript()::warmUp);
        }
    }

    /** Load errors of the new generation in files whose previous version loaded. */
    private static List<String> brokenFiles(Started current, LanguageRuntime next) {
        if (current == null) {
            return List.of();
        }
        Set<Path> failedBefore = current.runtime().failedFiles();
        Set<Path> loadedBefore = new java.util.HashSet<>(current.runtime().files);
        loadedBefore.removeAll(failedBefore);
        List<String> broken = new ArrayList<>();
        for (Path failed : next.failedFiles()) {
            if (loadedBefore.contains(failed)) {
                next.loadErrors().stream().filter(e -> e.startsWith(failed.toString())).forEach(broken::add);
            }
        }
        return broken;
    }

    private Started generation(GuestLanguage spec, GuestFiles files, Started current) {
        long begin = System.nanoTime();
        Engine engine = current != null ? current.engine()
                : Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        TypeScriptCompiler typeScript = current != null ? current.typeScript() : null;
        if (typeScript == null && spec.needsTypeScript(files)) {
            typeScript = new TypeScriptCompiler(engine, settings.typeScriptCache());
        }
        try {
            LanguageRuntime runtime = spec.create(engine, spec.files(files), files.roots(), typeScript);
            return new Started(engine, runtime, typeScript, Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException e) {
            if (current == null) {
                if (typeScript != null) {
                    typeScript.close();
                }
                engine.close(true);
            }
            throw e;
        }
    }

    private void install(String language, Started next) {
        started.put(language, next);
        handlers.put(language, next.runtime());
    }

    private void grow(String language, LanguageRuntime runtime) {
        runtime.growPool(switch (language) {
            case RubyRuntime.LANGUAGE -> settings.rubyPoolSize();
            case PythonRuntime.LANGUAGE -> settings.pythonPoolSize();
            default -> settings.javascriptPoolSize();
        });
    }

    private static void closeEngine(Started s) {
        if (s.typeScript() != null) {
            s.typeScript().close();
        }
        s.engine().close(true);
    }

    public GuestHandlers handlers() {
        return handlers;
    }

    /** The started languages by name (ruby, python, javascript). */
    public Map<String, Started> languages() {
        return Map.copyOf(started);
    }

    /** One line per handler file that did not load, of every language, and per edit a reload kept back. */
    public List<String> loadErrors() {
        List<String> errors = new ArrayList<>();
        new TreeMap<>(started).values().forEach(s -> errors.addAll(s.runtime().loadErrors()));
        new TreeMap<>(keptBack).values().forEach(errors::addAll);
        return errors;
    }

    @Override
    public synchronized void close() {
        for (Started s : started.values()) {
            s.runtime().close();
            closeEngine(s);
        }
        started.clear();
    }
}
