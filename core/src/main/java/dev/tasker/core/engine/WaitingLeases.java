package dev.tasker.core.engine;

import java.util.Collection;
import java.util.logging.Logger;

/**
 * This worker's steps that wait for a guest context: their leases are kept alive (a queue behind slow calls may last
 * longer than a step's lease, timeout + margin), each extended once half of it has passed; and each is recorded as
 * waiting, so that if this JVM dies before it starts, its lease expires with the attempt uncounted. Run on the reaper's
 * thread; the record is made and cleared under the step's lock, so a step never runs while it is recorded as waiting.
 */
final class WaitingLeases {

    private static final Logger LOG = Logger.getLogger(WaitingLeases.class.getName());
    /** A wait for a guest context longer than this extends the lease, so that it still covers the whole timeout. */
    private static final java.time.Duration RUNNER_WAIT_SLACK = java.time.Duration.ofSeconds(1);

    private final StepQueue store;
    private final WorkerSettings settings;

    WaitingLeases(StepQueue store, WorkerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    private void markWaiting(RunningStep r) {
        synchronized (r) {
            if (!r.waitingForRunner || r.markedWaiting) {
                return;
            }
            try {
                store.markWaiting(settings.workerId(), java.util.List.of(r.step));
                r.markedWaiting = true;
            } catch (RuntimeException e) {
                LOG.fine(() -> "Could not record step " + r.step.stepUuid() + " as waiting: " + e.getMessage());
            }
        }
    }

    /**
     * As the step's handler is about to start: clears its waiting record, and when it waited longer than
     * {@link #RUNNER_WAIT_SLACK} extends its lease once more, so that the lease covers the whole timeout.
     *
     * @return false when the step is no longer this worker's (its lease expired meanwhile): it must not run
     */
    boolean starting(RunningStep r) {
        boolean waited = r.waitingForRunner;
        boolean slow = !r.leaseRenewed && System.nanoTime() - r.startedNanos > RUNNER_WAIT_SLACK.toNanos();
        if (!waited && !slow) {
            return true;
        }
        try {
            boolean stillOurs = clearWaiting(r);
            if (stillOurs && slow) {
                r.leaseRenewed = true;
                stillOurs = store.extendLease(settings.workerId(), r.step, r.step.timeoutSeconds() + settings.leaseMarginSeconds());
            }
            return stillOurs;
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not take back the lease of step " + r.step.stepUuid() + ": " + e.getMessage());
            return true;
        }
    }

    private boolean clearWaiting(RunningStep r) {
        synchronized (r) {
            r.waitingForRunner = false;
            if (!r.markedWaiting) {
                return true;
            }
            r.markedWaiting = false;
            return store.markStarting(settings.workerId(), r.step);
        }
    }

    void keep(Collection<RunningStep> running) {
        long now = System.nanoTime();
        for (RunningStep r : running) {
            if (!r.waitingForRunner || r.isFinished()) {
                continue;
            }
            markWaiting(r);
            int lease = r.step.timeoutSeconds() + settings.leaseMarginSeconds();
            if (now - r.leaseFromNanos < lease * 500_000_000L) {
                continue;
            }
            try {
                if (store.extendLease(settings.workerId(), r.step, lease)) {
                    r.leaseFromNanos = now;
                }
            } catch (RuntimeException e) {
                LOG.fine(() -> "Could not extend the lease of waiting step " + r.step.stepUuid() + ": " + e.getMessage());
            }
        }
    }
}
