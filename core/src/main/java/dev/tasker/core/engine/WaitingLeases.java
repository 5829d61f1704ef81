package dev.tasker.core.engine;

import java.util.Collection;
import java.util.logging.Logger;

/**
 * Keeps alive the leases of this worker's steps that wait for a guest context: a queue behind slow calls may last
 * longer than a step's lease (timeout + margin), and a lease that ran out would let the reaper record a timeout for a
 * step that never started. Each is extended once half of its lease has passed; run on the reaper's thread.
 */
final class WaitingLeases {

    private static final Logger LOG = Logger.getLogger(WaitingLeases.class.getName());

    private final TaskStore store;
    private final WorkerSettings settings;

    WaitingLeases(TaskStore store, WorkerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    void keep(Collection<RunningStep> running) {
        long now = System.nanoTime();
        for (RunningStep r : running) {
            if (!r.waitingForRunner || r.isFinished()) {
                continue;
            }
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
