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
    private final Map<String, List<Path>> handlerFiles = new ConcurrentHashMap<>();
    private final Set<Path> failedFiles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final Map<Thread, Context> callsByThread = new ConcurrentHashMap<>();
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
        this.pool = new ContextPool(language, size, parallelism, this::loadedContext);
    }

    /** A context with the prelude in place, not yet any handler file. */
    protected abstract Context newContext();

    /** Loads one handler file; answers the names it registered. */
    protected abstract List<String> loadFile(Context context, Path file) throws IOException;

    /** Every name registered in the context (also functional registrations). */
    protected abstract List<String> registered(Context context);

    /** The prelude's invoke function in a loaded context (looked up once: evaluating the lookup costs ~10 µs a call). */
    protected abstract Value invokeFunction(Context context);

    /**
     * Calls the prelude with the payload; answers its JSON answer, or null when nothing was answered. By default the
     * payload goes in as polyglot objects (host maps and lists), which Ruby and Python read far faster than they parse
     * JSON text.
     */
    protected String callInvoke(Value invoke, String handlerName, com.fasterxml.jackson.databind.JsonNode payload) {
        return invoke.execute(handlerName, PolyglotJson.toGuest(payload)).asString();
    }

    /** file:line: message, on one line. */
    protected String describeLoadError(PolyglotException e, Path file) {
        return GuestErrors.describeLoadError(e, file);
    }

    public String language() {
        return language;
    }

    public Set<String> handlerNames() {
        return Set.copyOf(handlerNames);
    }

    /** The files that registered a name (more than one: the name is ambiguous within this language). */
    public List<Path> filesOf(String handlerName) {
        return List.copyOf(handlerFiles.getOrDefault(handlerName, List.of()));
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
                List<String> names = loadFile(context, file);
                if (first) {
                    Set<String> fromFile = new LinkedHashSet<>(names);
                    registered(context).stream().filter(n -> !before.contains(n)).forEach(fromFile::add);
                    fromFile.forEach(n -> handlerFiles.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>()).add(file));
                    handlerNames.addAll(fromFile);
                }
            } catch (PolyglotException e) {
                failed(first, file, describeLoadError(e, file));
            } catch (IOException e) {
                failed(first, file, file + ": cannot be read (" + e.getMessage() + ")");
            } catch (TypeScriptCompiler.TypeScriptSyntaxError e) {
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
     * finished (and not before a second has passed, for callers that resolved it just before the swap).
     */
    public void retire(Runnable afterClose) {
        long since = System.nanoTime();
        var check = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>();
        check.set(WATCHDOG.scheduleWithFixedDelay(() -> {
            if (activeCalls.get() == 0 && System.nanoTime() - since > 1_000_000_000L) {
                close();
                afterClose.run();
                check.get().cancel(false);
            }
        }, 1000, 200, TimeUnit.MILLISECONDS));
    }

    /** Runs a handler; answers the prelude's JSON answer. */
    String invoke(String handlerName, com.fasterxml.jackson.databind.JsonNode payload, Duration timeout)
            throws InterruptedException {
        activeCalls.incrementAndGet();
        try {
            return invokeOnPool(handlerName, payload, timeout);
        } finally {
            activeCalls.decrementAndGet();
        }
    }

    /** Stops the call running on {@code thread} (its task was cancelled): its context is cancelled and replaced. */
    void cancelCallOn(Thread thread) {
        Context context = callsByThread.get(thread);
        if (context != null && callsByThread.remove(thread, context)) {
            context.close(true);
        }
    }

    private String invokeOnPool(String handlerName, com.fasterxml.jackson.databind.JsonNode payload, Duration timeout)
            throws InterruptedException {
        Context context = pool.borrow(timeout);
        callsByThread.put(Thread.currentThread(), context);
        AtomicBoolean cancelled = new AtomicBoolean();
        var watchdog = WATCHDOG.schedule(() -> {
            cancelled.set(true);
            context.close(true);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean healthy = false;
        GuestLog.enter(handlerName, payload.path("task_uuid").asText(), payload.path("step_name").asText());
        try {
            String answer = callInvoke(invokeFunctions.get(context), handlerName, payload);
            healthy = true;
            return answer != null ? answer : Json.write(java.util.Map.of("success", false, "error_type", "NoAnswer",
                    "retryable", false, "message", "handler '" + handlerName + "' never answered (an unsettled promise?)"));
        } catch (PolyglotException | IllegalStateException e) {
            if (cancelled.get() || (e instanceof PolyglotException p && p.isCancelled())) {
                throw GuestAnswer.timedOut(language, handlerName, (int) timeout.toSeconds());
            }
            throw e;
        } finally {
            boolean notCancelledByTask = callsByThread.remove(Thread.currentThread(), context);
            GuestLog.clear();
            watchdog.cancel(false);
            if (healthy && !cancelled.get() && notCancelledByTask) {
                pool.giveBack(context);
            } else {
                invokeFunctions.remove(context);
                pool.replace(context);
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
        String cache = System.getProperty("polyglot.engine.userResourceCache");
        readable.add(cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "org.graalvm.polyglot"));
        return readable;
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
