package dev.tasker.core.engine;

import dev.tasker.core.api.StepHandler;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stopping attempts whose handlers still run (a timeout, a cancel, a shutdown), and keeping their steps until the
 * handlers have returned: a step is never queued again while its handler still runs here.
 */
final class HandlerStops {

    private static final Logger LOG = Logger.getLogger(HandlerStops.class.getName());
    /** How long an interrupted handler (a guest's context cancelled) is given to stop before its step is let go. */
    static final Duration AFTER_TIMEOUT = Duration.ofSeconds(10);
    static final Duration AT_SHUTDOWN = Duration.ofSeconds(6);

    private HandlerStops() {
    }

    /** Interrupts the handler's thread and has its language stop the call (a guest's context is cancelled if need be). */
    static void stop(RunningStep r) {
        r.interrupt();
        StepHandler handler = r.handler;
        Thread thread = r.thread;
        if (handler != null && thread != null) {
            try {
                handler.cancel(thread);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Stopping the handler of step " + r.step.name() + " failed", e);
            }
        }
    }

    /**
     * Waits until a timed-out handler has returned, the lease extended for the wait, so that the next attempt cannot
     * start elsewhere while this one runs. A Java handler that ignores interruption cannot be stopped; it is reported
     * and its step let go after {@link #AFTER_TIMEOUT}.
     */
    static void awaitAfterTimeout(RunningStep r, StepQueue store, WorkerSettings settings) {
        if (r.awaitStopped(Duration.ofMillis(200))) {
            return;
        }
        try {
            store.extendLease(settings.workerId(), r.step, (int) AFTER_TIMEOUT.toSeconds() + settings.leaseMarginSeconds());
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not extend the lease of step " + r.step.stepUuid() + ": " + e.getMessage());
        }
        if (!r.awaitStopped(AFTER_TIMEOUT)) {
            LOG.severe(() -> "The handler of step " + r.step.name() + " (" + r.step.stepUuid() + ", " + r.language
                    + ") ignores interruption and still runs " + AFTER_TIMEOUT.toSeconds() + " s after it was stopped; "
                    + "its step is let go and may run again elsewhere while it does");
        }
    }

    /** Stops every handler and waits up to {@link #AT_SHUTDOWN} for them; answers the attempts that stopped. */
    static List<RunningStep> stopAll(List<RunningStep> attempts) {
        attempts.forEach(HandlerStops::stop);
        long until = System.nanoTime() + AT_SHUTDOWN.toNanos();
        while (attempts.stream().anyMatch(r -> !r.hasStopped()) && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return attempts.stream().filter(RunningStep::hasStopped).toList();
    }
}
