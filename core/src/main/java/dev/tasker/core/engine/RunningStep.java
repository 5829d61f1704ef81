package dev.tasker.core.engine;

import dev.tasker.core.api.StepHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/** One attempt in flight on a worker; exactly one of handler, timeout, cancel or shutdown finishes it. */
final class RunningStep {

    final ClaimedStep step;
    final long startedNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    volatile Thread thread;
    volatile String language = "none";
    volatile StepHandler handler;
    /** The handler group whose place the step holds (null: none). */
    volatile String group;
    /** The timer that times the attempt out (started afresh after each checkpoint yield). */
    volatile java.util.concurrent.ScheduledFuture<?> timeout;
    /** The lease was extended once for a wait for a guest context. */
    volatile boolean leaseRenewed;
    /** Its handler waits for a guest context that another call holds (its timeout has not started). */
    volatile boolean waitingForRunner;
    /** The database records this attempt as waiting for a context (see {@link WaitingLeases}). */
    volatile boolean markedWaiting;
    /** When the lease was last taken or extended. */
    volatile long leaseFromNanos = startedNanos;

    RunningStep(ClaimedStep step) {
        this.step = step;
    }

    /** Counted down when the handler has returned (or will never be called). */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    void stopped() {
        stopped.countDown();
    }

    /** Whether the handler has returned within {@code wait}. */
    boolean awaitStopped(java.time.Duration wait) {
        try {
            return stopped.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped.getCount() == 0;
        }
    }

    boolean hasStopped() {
        return stopped.getCount() == 0;
    }

    boolean isFinished() {
        return finished.get();
    }

    void cancelTimeout() {
        var current = timeout;
        if (current != null) {
            current.cancel(false);
        }
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
