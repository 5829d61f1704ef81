package dev.tasker.core.engine;

import dev.tasker.core.handler.StepHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/** One attempt in flight on a worker; exactly one of handler, timeout, cancel or shutdown finishes it. */
final class RunningStep {

    final ClaimedStep step;
    final long startedNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    volatile Thread thread;
    volatile String language = "none";
    volatile StepHandler handler;
    /** The timer that times the attempt out (started afresh after each checkpoint yield). */
    volatile java.util.concurrent.ScheduledFuture<?> timeout;

    RunningStep(ClaimedStep step) {
        this.step = step;
    }

    /** Whether this caller is the one that finishes the attempt. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }

    /** Interrupts the thread running the handler, once the attempt has one. */
    void interrupt() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
