package dev.tasker.core.engine;

import java.time.Duration;
import java.util.Set;

/**
 * @param namespaces         the namespaces this worker serves; empty: all (a namespace worker pool otherwise)
 * @param concurrency        handler attempts running at once
 * @param pollInterval       the slow poll that catches what a lost notification missed
 * @param leaseMarginSeconds added to a step's timeout for its lease, so a live worker always finishes first
 * @param reaperInterval     how often expired leases of dead workers are looked for
 */
public record WorkerSettings(String workerId, Set<String> namespaces, int concurrency, Duration pollInterval,
                             int leaseMarginSeconds, Duration reaperInterval) {

    public WorkerSettings {
        namespaces = Set.copyOf(namespaces);
        if (concurrency < 1) {
            throw new IllegalArgumentException("worker concurrency must be at least 1, not " + concurrency);
        }
    }

    public static WorkerSettings defaults(String workerId) {
        return new WorkerSettings(workerId, Set.of(), 16, Duration.ofSeconds(1), 5, Duration.ofSeconds(2));
    }

    public WorkerSettings withNamespaces(Set<String> ns) {
        return new WorkerSettings(workerId, ns, concurrency, pollInterval, leaseMarginSeconds, reaperInterval);
    }

    public WorkerSettings withLeaseMargin(int seconds, Duration reaper) {
        return new WorkerSettings(workerId, namespaces, concurrency, pollInterval, seconds, reaper);
    }
}
