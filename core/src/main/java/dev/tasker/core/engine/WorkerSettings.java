package dev.tasker.core.engine;

import java.time.Duration;
import java.util.Set;

/**
 * @param namespaces         the namespaces this worker serves; empty: all (a namespace worker pool otherwise)
 * @param concurrency        handler attempts running at once
 * @param pollInterval       the slow poll that catches what a lost notification missed
 * @param leaseMarginSeconds added to a step's timeout for its lease, so a live worker always finishes first
 * @param reaperInterval     how often expired leases of dead workers are looked for
 * @param maxStepsPerDecision the most steps one decision (or batch) may create
 * @param maxDecisionDepth   the most decisions nested below one another
 */
public record WorkerSettings(String workerId, Set<String> namespaces, int concurrency, Duration pollInterval,
                             int leaseMarginSeconds, Duration reaperInterval, int maxStepsPerDecision, int maxDecisionDepth) {

    public static final int DEFAULT_MAX_STEPS_PER_DECISION = 1000;
    public static final int DEFAULT_MAX_DECISION_DEPTH = 10;

    public WorkerSettings {
        namespaces = Set.copyOf(namespaces);
        if (concurrency < 1) {
            throw new IllegalArgumentException("worker concurrency must be at least 1, not " + concurrency);
        }
        if (maxStepsPerDecision < 1) {
            throw new IllegalArgumentException("max steps per decision must be at least 1, not " + maxStepsPerDecision);
        }
        if (maxDecisionDepth < 1) {
            throw new IllegalArgumentException("max decision depth must be at least 1, not " + maxDecisionDepth);
        }
    }

    public WorkerSettings(String workerId, Set<String> namespaces, int concurrency, Duration pollInterval,
                          int leaseMarginSeconds, Duration reaperInterval) {
        this(workerId, namespaces, concurrency, pollInterval, leaseMarginSeconds, reaperInterval, DEFAULT_MAX_STEPS_PER_DECISION,
                DEFAULT_MAX_DECISION_DEPTH);
    }

    public WorkerSettings withDecisionLimits(int stepsPerDecision, int depth) {
        return new WorkerSettings(workerId, namespaces, concurrency, pollInterval, leaseMarginSeconds, reaperInterval,
                stepsPerDecision, depth);
    }

    public static WorkerSettings defaults(String workerId) {
        return new WorkerSettings(workerId, Set.of(), 16, Duration.ofSeconds(1), 5, Duration.ofSeconds(2));
    }

    public WorkerSettings withNamespaces(Set<String> ns) {
        return new WorkerSettings(workerId, ns, concurrency, pollInterval, leaseMarginSeconds, reaperInterval, maxStepsPerDecision, maxDecisionDepth);
    }

    public WorkerSettings withLeaseMargin(int seconds, Duration reaper) {
        return new WorkerSettings(workerId, namespaces, concurrency, pollInterval, seconds, reaper, maxStepsPerDecision, maxDecisionDepth);
    }
}
