package dev.tasker.bridge;

import org.graalvm.polyglot.Context;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One handler call in a context: stopped (timeout or cancel) at most once, softly or by closing the context. */
final class GuestCall {

    private static final AtomicLong IDS = new AtomicLong();

    final Context context;
    final long id = IDS.incrementAndGet();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean closedContext = new AtomicBoolean();
    private volatile boolean finished;

    GuestCall(Context context) {
        this.context = context;
    }

    /** Whether this caller is the one that stops the call (a timeout and a cancel may race). */
    boolean stop() {
        return stopped.compareAndSet(false, true);
    }

    boolean stopped() {
        return stopped.get();
    }

    /** Cancels the whole context: the call cannot go on, nor can any other call in it. */
    void closeContext() {
        if (!finished && closedContext.compareAndSet(false, true)) {
            context.close(true);
        }
    }

    boolean closedContext() {
        return closedContext.get();
    }

    void finished() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }
}
