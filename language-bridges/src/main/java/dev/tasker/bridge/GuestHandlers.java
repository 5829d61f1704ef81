package dev.tasker.bridge;

import dev.tasker.core.api.StepHandler;
import dev.tasker.core.spi.HandlerGroup;
import dev.tasker.core.spi.HandlerResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves callables to guest handlers: with a language prefix ({@code rb:}, {@code py:}, {@code ts:},
 * {@code js:}), or a name one language registered. A name registered by several files (in one language
 * or several) is ambiguous and resolves to nothing; {@link #problem} lists the candidates.
 */
public final class GuestHandlers implements HandlerResolver {

    private static final Map<String, String> PREFIXES = Map.of("js:", JsRuntime.LANGUAGE, "ts:", JsRuntime.LANGUAGE,
            "py:", PythonRuntime.LANGUAGE, "rb:", RubyRuntime.LANGUAGE);

    /** A file of some language that registered a name. */
    public record Candidate(String language, Path file) {
        @Override
        public String toString() {
            return file + " (" + language + ")";
        }
    }

    /**
     * Steps of a language a worker holds per context of it: more than one, so that the next call is ready when one ends
     * and the commits of steps in flight overlap; few, so that a step waits for a context at most a few calls long (the
     * wait does not count against its timeout, its lease is kept alive) and other JVMs get the rest. Measured on 2
     * cores, 50 tasks of 10 steps in flight: 8 gave about half again the steps/s of 4 (JavaScript, Python, Ruby), 16 less.
     */
    static final int CLAIMED_PER_CONTEXT = 8;

    private final Map<String, LanguageRuntime> runtimes = new ConcurrentHashMap<>();
    /** Each runtime's group, built once: a runtime's handler names are fixed (a reload brings a new runtime). */
    private final Map<LanguageRuntime, HandlerGroup> groups = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public GuestHandlers(LanguageRuntime... runtimes) {
        for (LanguageRuntime runtime : runtimes) {
            put(runtime.language(), runtime);
        }
    }

    /** Callables of {@code language} resolve to this runtime from now on (handlers resolved before keep theirs). */
    void put(String language, LanguageRuntime runtime) {
        runtimes.put(language, runtime);
    }

    void remove(String language) {
        runtimes.remove(language);
    }

    @Override
    public Optional<StepHandler> resolve(String callable) {
        Request request = Request.of(callable);
        List<LanguageRuntime> owners = owners(request);
        if (owners.size() != 1 || owners.getFirst().filesOf(request.name()).size() > 1) {
            return Optional.empty();
        }
        return Optional.of(new GuestStepHandler(owners.getFirst(), request.name()));
    }

    /** One group per language: its handlers run on its contexts, as many at once as the pool has. */
    @Override
    public List<HandlerGroup> groups() {
        return runtimes.values().stream().sorted(java.util.Comparator.comparing(LanguageRuntime::language))
                .map(runtime -> groups.computeIfAbsent(runtime, GuestHandlers::groupOf)).toList();
    }

    private static HandlerGroup groupOf(LanguageRuntime runtime) {
        java.util.Set<String> callables = new java.util.HashSet<>(runtime.handlerNames());
        PREFIXES.forEach((prefix, language) -> {
            if (language.equals(runtime.language())) {
                runtime.handlerNames().forEach(name -> callables.add(prefix + name));
            }
        });
        return new HandlerGroup(runtime.language(), java.util.Set.copyOf(callables),
                () -> runtime.poolSize() * CLAIMED_PER_CONTEXT);
    }

    /** Every file that registered the callable's name (in its prefix's language, if it has one). */
    public List<Candidate> candidates(String callable) {
        Request request = Request.of(callable);
        List<Candidate> out = new ArrayList<>();
        for (LanguageRuntime runtime : owners(request)) {
            List<Path> files = runtime.filesOf(request.name());
            if (files.isEmpty()) {
                out.add(new Candidate(runtime.language(), null));
            }
            files.forEach(f -> out.add(new Candidate(runtime.language(), f)));
        }
        return out;
    }

    /** Why the callable does not resolve to exactly one guest handler, when it names several. */
    public Optional<String> problem(String callable) {
        List<Candidate> candidates = candidates(callable);
        if (candidates.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("is ambiguous: it names " + candidates.stream().map(Candidate::toString).toList()
                + "; use a language prefix (rb:, py:, ts:, js:) or a qualified name (Ruby constant path, Python dotted path)");
    }

    /**
     * The callable with a language prefix, when it names handlers in several languages and exactly one of those files
     * lies below {@code root}; empty when it is not ambiguous so, or the root does not settle it.
     */
    public Optional<String> qualifiedIn(String callable, Path root) {
        Request request = Request.of(callable);
        if (request.language() != null) {
            return Optional.empty();
        }
        List<Candidate> all = candidates(callable);
        if (all.stream().map(Candidate::language).distinct().count() < 2) {
            return Optional.empty();
        }
        List<Candidate> beside = all.stream().filter(c -> c.file() != null && c.file().toAbsolutePath().startsWith(root)).toList();
        if (beside.size() != 1) {
            return Optional.empty();
        }
        return PREFIXES.entrySet().stream().filter(e -> e.getValue().equals(beside.getFirst().language()))
                .map(Map.Entry::getKey).sorted().findFirst().map(prefix -> prefix + request.name());
    }

    private List<LanguageRuntime> owners(Request request) {
        return runtimes.values().stream()
                .sorted(java.util.Comparator.comparing(LanguageRuntime::language))
                .filter(r -> request.language() == null || request.language().equals(r.language()))
                .filter(r -> r.handlerNames().contains(request.name()))
                .toList();
    }

    /** A callable split into its language prefix (null if none) and the name. */
    private record Request(String language, String name) {
        static Request of(String callable) {
            for (var prefix : PREFIXES.entrySet()) {
                if (callable.startsWith(prefix.getKey())) {
                    return new Request(prefix.getValue(), callable.substring(prefix.getKey().length()));
                }
            }
            return new Request(null, callable);
        }
    }
}
