package dev.tasker.bridge;

import org.graalvm.polyglot.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Long-lived contexts of one language, each used by one thread at a time. A context that had to be
 * cancelled (a runaway handler) is closed and replaced in the background.
 */
final class ContextPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContextPool.class.getName());

    private final String language;
    private final Supplier<Context> factory;
    private final BlockingQueue<Context> idle;
    private final List<Context> all = new ArrayList<>();
    private final ExecutorService builder;
    private final int size;
    private volatile boolean closed;

    /** Creates {@code size} contexts, up to {@code parallelism} at once, and waits for them. */
    ContextPool(String language, int size, int parallelism, Supplier<Context> factory) {
        this.language = language;
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
        this.builder = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, size)), r -> {
            Thread t = new Thread(r, "tasker-" + language + "-contexts");
            t.setDaemon(true);
            return t;
        });
        List<Future<Context>> pending = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pending.add(builder.submit(factory::get));
        }
        for (Future<Context> f : pending) {
            try {
                Context c = f.get();
                synchronized (all) {
                    all.add(c);
                }
                idle.add(c);
            } catch (Exception e) {
                close();
                throw new IllegalStateException("could not create a " + language + " context: " + e.getMessage(), e);
            }
        }
    }

    Context borrow(Duration wait) throws InterruptedException {
        Context c = idle.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new IllegalStateException("no " + language + " context became free within " + wait.toSeconds()
                    + " s (pool of " + size + "); raise the pool size or lower the worker concurrency");
        }
        return c;
    }

    void giveBack(Context c) {
        if (!closed) {
            idle.add(c);
        }
    }

    /** The context was cancelled: close it and build a fresh one in its place. */
    void replace(Context broken) {
        synchronized (all) {
            all.remove(broken);
        }
        try {
            broken.close(true);
        } catch (RuntimeException ignored) {
            // already cancelled
        }
        if (closed) {
            return;
        }
        builder.submit(() -> {
            try {
                Context fresh = factory.get();
                synchronized (all) {
                    all.add(fresh);
                }
                idle.add(fresh);
            } catch (RuntimeException e) {
                LOG.severe(() -> "Could not replace a " + language + " context: " + e.getMessage());
            }
        });
    }

    int size() {
        return size;
    }

    int idleCount() {
        return idle.size();
    }

    @Override
    public void close() {
        closed = true;
        builder.shutdownNow();
        synchronized (all) {
            for (Context c : all) {
                try {
                    c.close(true);
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
            }
            all.clear();
        }
    }
}
