package dev.tasker.bridge;

import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JavaScript handlers: ES modules that import {@code '@tasker-systems/tasker'} (or {@code 'tasker'}) and each
 * other, loaded into every context of a pool that shares one engine.
 */
public final class JsRuntime implements AutoCloseable {

    static final String LANGUAGE = "javascript";
    private static final String MODULE = "application/javascript+module";
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tasker-js-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Engine engine;
    private final List<Path> files;
    private final List<Path> roots;
    private final byte[] prelude;
    private final Set<String> handlerNames = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> loadErrors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean firstLoad = new AtomicBoolean(true);
    private final ContextPool pool;

    /**
     * @param files handler files (ES modules) to load into every context
     * @param roots directories handlers may read (their imports)
     */
    public JsRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize) {
        this.engine = engine;
        this.files = List.copyOf(files);
        this.roots = List.copyOf(roots);
        this.prelude = resource("js/tasker.mjs");
        this.pool = new ContextPool("js", poolSize, this::newContext);
    }

    public Set<String> handlerNames() {
        return Set.copyOf(handlerNames);
    }

    /** One line per file that did not load: file:line: message. */
    public List<String> loadErrors() {
        return List.copyOf(loadErrors);
    }

    private Context newContext() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowIO(IOAccess.newBuilder().fileSystem(new SandboxFileSystem(roots,
                        Map.of("@tasker-systems/tasker", "tasker.mjs", "tasker", "tasker.mjs"),
                        Map.of("tasker.mjs", prelude))).build())
                .option("js.esm-eval-returns-exports", "true")
                .build();
        context.eval(Source.newBuilder("js", "import 'tasker';", "tasker-bootstrap.mjs").mimeType(MODULE).buildLiteral());
        Value register = context.eval("js", "globalThis.__tasker.register");
        boolean first = firstLoad.getAndSet(false);
        for (Path file : files) {
            try {
                Value exports = context.eval(Source.newBuilder("js", file.toFile()).mimeType(MODULE).build());
                String names = register.execute(exports, file.toString()).asString();
                if (first) {
                    Json.read(names).forEach(n -> handlerNames.add(n.asText()));
                }
            } catch (PolyglotException e) {
                if (first) {
                    loadErrors.add(GuestErrors.location(e, file) + ": " + e.getMessage().replaceAll("\\s+", " ").strip());
                }
            } catch (IOException e) {
                if (first) {
                    loadErrors.add(file + ": cannot be read (" + e.getMessage() + ")");
                }
            }
        }
        if (first) {
            Json.read(context.eval("js", "globalThis.__tasker.registered()").asString())
                    .forEach(n -> handlerNames.add(n.asText()));
        }
        return context;
    }

    /** Runs a handler; answers the prelude's JSON answer. */
    String invoke(String handlerName, String payloadJson, Duration timeout) throws InterruptedException {
        Context context = pool.borrow(timeout);
        AtomicBoolean cancelled = new AtomicBoolean();
        var watchdog = WATCHDOG.schedule(() -> {
            cancelled.set(true);
            context.close(true);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean healthy = true;
        try {
            AtomicReference<String> answer = new AtomicReference<>();
            Value invoke = context.eval("js", "globalThis.__tasker.invoke");
            invoke.execute(handlerName, payloadJson, (ProxyExecutable) args -> {
                answer.set(args[0].asString());
                return null;
            });
            if (answer.get() == null) {
                return "{\"success\": false, \"error_type\": \"UnsettledPromise\", \"retryable\": false, \"message\": "
                        + "\"handler '" + handlerName + "' returned a promise that never settled\"}";
            }
            return answer.get();
        } catch (PolyglotException e) {
            healthy = false;
            if (cancelled.get() || e.isCancelled()) {
                throw GuestAnswer.timedOut(LANGUAGE, handlerName, (int) timeout.toSeconds());
            }
            throw e;
        } catch (IllegalStateException e) {
            healthy = false;
            if (cancelled.get()) {
                throw GuestAnswer.timedOut(LANGUAGE, handlerName, (int) timeout.toSeconds());
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            if (healthy && !cancelled.get()) {
                pool.giveBack(context);
            } else {
                pool.replace(context);
            }
        }
    }

    public int poolSize() {
        return pool.size();
    }

    public int idleContexts() {
        return pool.idleCount();
    }

    static byte[] resource(String name) {
        try (InputStream in = JsRuntime.class.getResourceAsStream(name)) {
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
        pool.close();
    }
}
