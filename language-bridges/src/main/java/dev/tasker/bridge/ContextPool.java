package dev.tasker.bridge;

import org.graalvm.polyglot.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Long-lived contexts of one language, each used by one thread at a time (or, single, one context that callers take
 * in turn). A context that had to be cancelled (a runaway handler) is closed and replaced in the background.
 */
final class ContextPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContextPool.class.getName());

    private final String language;
    private final Supplier<Context> factory;
    private final BlockingQueue<Context> idle = new LinkedBlockingQueue<>();
    private final List<Context> all = new ArrayList<>();
    private final ExecutorService builder;
    private final boolean single;
    private volatile int size;
    private volatile boolean closed;
    private boolean everFull;

    /**
     * Creates the first context and returns; the other {@code size - 1} are built in the background, up
     * to {@code parallelism} at once, and join the pool as they are ready.
     */
    ContextPool(String language, int size, int parallelism, boolean single, Supplier<Context> factory) {
        this.language = language;
        this.single = single;
        this.size = single ? 1 : size;
        this.factory = factory;
        this.builder = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "tasker-" + language + "-contexts");
            t.setDaemon(true);
            return t;
        });
        Context first;
        try {
            first = factory.get();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("could not create a " + language + " context: " + e.getMessage(), e);
        }
        adopt(first);
        for (int i = 1; i < size; i++) {
            builder.submit(this::buildOne);
        }
    }

    /** Builds more contexts in the background until the pool holds {@code newSize}. */
    void grow(int newSize) {
        if (single) {
            return;
        }
        int more;
        synchronized (all) {
            more = newSize - size;
            if (more <= 0) {
                return;
            }
            size = newSize;
            everFull = false;
        }
        for (int i = 0; i < more; i++) {
            builder.submit(this::buildOne);
        }
    }

    private void adopt(Context c) {
        boolean filled;
        synchronized (all) {
            if (closed) {
                c.close(true);
                return;
            }
            all.add(c);
            filled = all.size() == size && !everFull;
            everFull |= filled;
        }
        idle.add(c);
        if (filled && size > 1) {
            LOG.info(() -> "%s: all %d contexts ready".formatted(language, size));
        }
    }

    private void buildOne() {
        if (closed) {
            return;
        }
        try {
            adopt(factory.get());
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.severe(() -> "Could not create a " + language + " context: " + e.getMessage());
            }
        }
    }

    /** Blocks until every context of the pool has been built (or {@code wait} has passed). */
    boolean awaitFull(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (all) {
                if (all.size() >= size) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
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

    /** One context only: a call stopped softly gives it back instead of having it replaced. */
    boolean isSingle() {
        return single;
    }

    /** The context was cancelled: close it and build a fresh one in its place. */
    void replace(Context broken) {
        synchronized (all) {
            if (!all.remove(broken)) {
                return;
            }
        }
        idle.remove(broken);
        try {
            broken.close(true);
        } catch (RuntimeException ignored) {
            // already cancelled
        }
        if (closed) {
            return;
        }
        builder.submit(this::buildOne);
    }

    int size() {
        return size;
    }

    int idleCount() {
        return idle.size();
    }

    /**
     * Closes every context. A context being built is let finish first (then closed): interrupting TruffleRuby while
     * it loads native code makes the JDK exit the JVM from the failed upcall, and its shutdown hooks then wait forever.
     */
    @Override
    public void close() {
        closed = true;
        builder.shutdown();
        try {
            if (!builder.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warning(() -> language + ": a context was still being built after 2 minutes; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
