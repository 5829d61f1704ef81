package dev.tasker.bridge;

import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handlers of one guest language: every handler file loaded into each context of a pool on one
 * shared engine, invoked with the step (JSON text, or host maps and lists) and answering JSON. A call that runs
 * past its timeout has its context cancelled and replaced.
 */
public abstract class LanguageRuntime implements AutoCloseable {

    /** How long a call stopped softly may take to end before its context is closed. */
    static final Duration SOFT_STOP_GRACE = Duration.ofSeconds(5);
    /**
     * How long a call waits for a free context before it fails (the worker claims a few steps per context, so a wait
     * is one or two calls long unless handlers run away; this bounds a pool that never frees).
     */
    static final Duration CONTEXT_WAIT = Duration.ofMinutes(10);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tasker-guest-watchdog");
        t.setDaemon(true);
        return t;
    });

    protected final Engine engine;
    protected final List<Path> files;
    protected final List<Path> roots;
    private final String language;
    private final Set<String> handlerNames = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> loadErrors = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CopyOnWriteArrayList<Path>> handlerFiles = new ConcurrentHashMap<>();
    private final Set<Path> failedFiles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger activeCalls = new AtomicInteger();
    /** Set (before the last look at activeCalls) when a retired runtime closes: calls that arrive go to the successor. */
    private volatile boolean closing;
    private volatile LanguageRuntime successor;
    private final Map<Thread, GuestCall> callsByThread = new ConcurrentHashMap<>();
    private final AtomicBoolean firstLoad = new AtomicBoolean(true);
    private final Map<Context, Value> invokeFunctions = new ConcurrentHashMap<>();
    private ContextPool pool;

    protected LanguageRuntime(String language, Engine engine, List<Path> files, List<Path> roots) {
        this.language = language;
        this.engine = engine;
        this.files = List.copyOf(files);
        this.roots = List.copyOf(roots);
    }

    /** Creates the pool; subclasses call it at the end of their constructor. */
    protected final void startPool(int size) {
        startPool(size, Runtime.getRuntime().availableProcessors());
    }

    protected final void startPool(int size, int parallelism) {
        this.pool = new ContextPool(language, size, parallelism, false, this::loadedContext);
    }

    /**
     * One context that calls take in turn, each stopped softly past its timeout (a language whose native extensions
     * break in a second context, or under concurrent threads).
     */
    protected final void startSingleContext() {
        this.pool = new ContextPool(language, 1, 1, true, this::loadedContext);
    }

    /** A context with the prelude in place, not yet any handler file. */
    protected abstract Context newContext();

    /** Loads one handler file; answers the names it registered, each with the file that defines it. */
    protected abstract List<GuestRegistration> loadFile(Context context, Path file) throws IOException;

    /** Every name registered in the context (also functional registrations). */
    protected abstract List<String> registered(Context context);

    /** The prelude's invoke function in a loaded context (looked up once: evaluating the lookup costs ~10 µs a call). */
    protected abstract Value invokeFunction(Context context);

    /**
     * Calls the prelude with the payload; answers its JSON answer, or null when nothing was answered. By default the
     * payload goes in as polyglot objects (host maps and lists), which Ruby and Python read far faster than they parse
     * JSON text.
     */
    protected String callInvoke(Value invoke, String handlerName, com.fasterxml.jackson.databind.JsonNode payload, long callId) {
        return invoke.execute(handlerName, PolyglotJson.toGuest(payload)).asString();
    }

    /** file:line: message, on one line. */
    protected String describeLoadError(PolyglotException e, Path file) {
        return GuestErrors.describeLoadError(e, file, roots);
    }

    public String language() {
        return language;
    }

    public Set<String> handlerNames() {
        return Set.copyOf(handlerNames);
    }

    /** The files that registered a name (more than one: the name is ambiguous within this language). */
    public List<Path> filesOf(String handlerName) {
        return List.copyOf(handlerFiles.getOrDefault(handlerName, new CopyOnWriteArrayList<>()));
    }

    /** One line per file that did not load: file:line: message. */
    public List<String> loadErrors() {
        return List.copyOf(loadErrors);
    }

    private Context loadedContext() {
        Context context = newContext();
        boolean first = firstLoad.getAndSet(false);
        for (Path file : files) {
            try {
                Set<String> before = first ? new HashSet<>(registered(context)) : Set.of();
                List<GuestRegistration> loaded = loadFile(context, file);
                if (first) {
                    List<GuestRegistration> fromFile = new ArrayList<>(loaded);
                    Set<String> named = new HashSet<>();
                    loaded.forEach(r -> named.add(r.name()));
                    registered(context).stream().filter(n -> !before.contains(n) && !named.contains(n))
                            .forEach(n -> fromFile.add(new GuestRegistration(n, file)));
                    for (GuestRegistration r : fromFile) {
                        handlerFiles.computeIfAbsent(r.name(), k -> new CopyOnWriteArrayList<>())
                                .addIfAbsent(r.file());
                        handlerNames.add(r.name());
                    }
                }
            } catch (PolyglotException e) {
                failed(first, file, describeLoadError(e, file));
            } catch (IOException e) {
                failed(first, file, file + ": cannot be read (" + e.getMessage() + ")");
            } catch (TypeScriptCompiler.TypeScriptSyntaxError | GuestLoadError e) {
                failed(first, file, e.getMessage());
            }
        }
        if (first) {
            handlerNames.addAll(registered(context));
        }
        invokeFunctions.put(context, invokeFunction(context));
        return context;
    }

    private void failed(boolean first, Path file, String error) {
        if (first) {
            loadErrors.add(error);
            failedFiles.add(file);
        }
    }

    /** The handler files that did not load. */
    public Set<Path> failedFiles() {
        return Set.copyOf(failedFiles);
    }

    /**
     * This runtime was replaced by a newer generation: it closes once the calls that still run on it have
     * finished (and not before a second has passed). A call that arrives as it closes runs on {@code successor}.
     *
     * @param successor the generation that replaced it, or null when its language has no handlers left
     */
    public void retire(LanguageRuntime successor, Runnable afterClose) {
        this.successor = successor;
        long since = System.nanoTime();
        var check = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>();
        check.set(WATCHDOG.scheduleWithFixedDelay(() -> {
            if (activeCalls.get() != 0 || System.nanoTime() - since < 1_000_000_000L) {
                return;
            }
            closing = true;
            if (activeCalls.get() != 0) {
                closing = false;
                return;
            }
            close();
            afterClose.run();
            check.get().cancel(false);
        }, 1000, 200, TimeUnit.MILLISECONDS));
    }

    /**
     * Runs a handler once a context is free; answers the prelude's JSON answer. The caller times the call (the
     * worker, or the test kit's {@code TimedCall}) and stops it past its timeout through {@link #cancelCallOn}.
     *
     * @param contextAcquired told when it has one (the wait does not count against the timeout)
     */
    String invoke(String handlerName, com.fasterxml.jackson.databind.JsonNode payload, Runnable contextAcquired)
            throws InterruptedException {
        activeCalls.incrementAndGet();
        try {
            if (closing) {
                LanguageRuntime next = successor;
                if (next == null) {
                    throw new IllegalStateException("the " + language + " handlers were unloaded as '" + handlerName + "' was called");
                }
                return next.invoke(handlerName, payload, contextAcquired);
            }
            return invokeOnPool(handlerName, payload, contextAcquired);
        } finally {
            activeCalls.decrementAndGet();
        }
    }

    /** Stops the call running on {@code thread} (its task was cancelled). */
    void cancelCallOn(Thread thread) {
        GuestCall call = callsByThread.get(thread);
        if (call != null) {
            stop(call);
        }
    }

    /**
     * Stops a runaway or cancelled call: softly when the language can (then, if it has not ended within
     * {@link #SOFT_STOP_GRACE}, by closing the context), else by closing its context.
     */
    private void stop(GuestCall call) {
        if (!call.stop()) {
            return;
        }
        if (!interruptSoftly(call.context, call.id)) {
            call.closeContext();
            return;
        }
        WATCHDOG.schedule(call::closeContext, SOFT_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the call {@code callId} running in {@code context} to stop, keeping the context; false when the language
     * cannot (its context is then closed and replaced).
     */
    protected boolean interruptSoftly(Context context, long callId) {
        return false;
    }

    private String invokeOnPool(String handlerName, com.fasterxml.jackson.databind.JsonNode payload,
                                Runnable contextAcquired) throws InterruptedException {
        GuestCall call = new GuestCall(pool.borrow(CONTEXT_WAIT));
        // registered before the caller's timer starts, so that a stop at any moment after finds the call
        callsByThread.put(Thread.currentThread(), call);
        try {
            contextAcquired.run();
        } catch (RuntimeException e) {
            callsByThread.remove(Thread.currentThread(), call);
            pool.giveBack(call.context);
            throw e;
        }
        GuestLog.enter(handlerName, payload.path("task_uuid").asText(), payload.path("step_name").asText());
        try {
            String answer = callInvoke(invokeFunctions.get(call.context), handlerName, payload, call.id);
            if (call.stopped()) {
                throw GuestAnswer.stopped(language, handlerName);
            }
            return answer != null ? answer : Json.write(java.util.Map.of("success", false, "error_type", "NoAnswer",
                    "retryable", false, "message", "handler '" + handlerName + "' never answered (an unsettled promise?)"));
        } catch (PolyglotException | IllegalStateException e) {
            if (call.stopped() || (e instanceof PolyglotException p && p.isCancelled())) {
                throw GuestAnswer.stopped(language, handlerName);
            }
            if (!pool.isSingle()) {
                call.closeContext();
            }
            throw e;
        } finally {
            call.finished();
            callsByThread.remove(Thread.currentThread(), call);
            GuestLog.clear();
            if (call.closedContext() || (call.stopped() && !pool.isSingle())) {
                invokeFunctions.remove(call.context);
                pool.replace(call.context);
            } else {
                pool.giveBack(call.context);
            }
        }
    }

    /**
     * Builds contexts in the background until the pool holds {@code size} (a JVM starting several languages
     * starts each with one context, so that they do not fight for the cores, then grows them).
     */
    public void growPool(int size) {
        pool.grow(size);
    }

    /** Waits until the pool holds all its contexts; false when {@code wait} passed first. */
    public boolean awaitFullPool(Duration wait) throws InterruptedException {
        return pool.awaitFull(wait);
    }

    public int poolSize() {
        return pool.size();
    }

    public int idleContexts() {
        return pool.idleCount();
    }

    /** The host logger a prelude calls as {@code __tasker_log(level, message)}. */
    protected GuestLog hostLog() {
        return new GuestLog(language);
    }

    /** Where guests may read: their handler directories, and the language homes in the polyglot resource cache. */
    protected List<Path> readableRoots() {
        List<Path> readable = new ArrayList<>(roots);
        readable.add(resourceCache());
        return readable;
    }

    /** Where Graal unpacks the language homes. */
    protected static Path resourceCache() {
        String cache = System.getProperty("polyglot.engine.userResourceCache");
        return cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "org.graalvm.polyglot");
    }

    static byte[] resource(String name) {
        try (InputStream in = LanguageRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing prelude resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
