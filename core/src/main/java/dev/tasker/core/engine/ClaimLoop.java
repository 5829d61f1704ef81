package dev.tasker.core.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The worker's claim thread: claims as many ready steps as it has permits and context places for, both taken before
 * the claim, so that a claimed step starts at once and its lease covers its run, not a wait. Woken by notifications,
 * new tasks and finished steps; polls slowly for what a lost notification missed.
 */
final class ClaimLoop {

    /** Starts a claimed step whose permit (and place in {@code group}, if not null) it holds. */
    @FunctionalInterface
    interface Starter {
        void start(ClaimedStep step, String group);
    }

    private static final Logger LOG = Logger.getLogger(ClaimLoop.class.getName());
    private static final Duration MISSING_HANDLER_HOLD = Duration.ofSeconds(10);

    private final StepQueue store;
    private final WorkerSettings settings;
    private final Permits permits;
    private final GroupSlots slots;
    private final DependencyResults dependencies;
    private final Starter starter;
    private final MissingHandlers missing = new MissingHandlers(MISSING_HANDLER_HOLD);
    private final WorkSignal signal = new WorkSignal();
    private volatile boolean claiming;
    /** The last claim filled every free permit, or a group's room held it back: more ready steps may wait. */
    private volatile boolean backlog = true;
    private Thread thread;

    ClaimLoop(StepQueue store, WorkerSettings settings, Permits permits, GroupSlots slots, DependencyResults dependencies,
              Starter starter) {
        this.store = store;
        this.settings = settings;
        this.permits = permits;
        this.slots = slots;
        this.dependencies = dependencies;
        this.starter = starter;
    }

    void start() {
        claiming = true;
        thread = Thread.ofPlatform().name("tasker-claim").daemon().start(this::run);
    }

    boolean isClaiming() {
        return claiming;
    }

    void wake() {
        signal.raise();
    }

    /** A step ended: look again if steps may be waiting for its permit or place. */
    void stepEnded() {
        if (backlog) {
            wake();
        }
    }

    /** Stops claiming (the thread ends within two seconds). */
    void stop() {
        claiming = false;
        wake();
    }

    void join() {
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** This JVM has no handler for the callable: its steps are left out of claims for a while. */
    void handlerMissing(String callable) {
        missing.missing(callable);
    }

    /** Gives steps back untouched (their attempt not counted), for another worker or a later claim. */
    void handBack(List<UUID> steps, String reason) {
        try {
            store.handBack(settings.workerId(), steps, reason);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not hand back " + steps.size() + " steps (" + e.getMessage() + "); their leases expire");
        }
    }

    private void run() {
        long failures = 0;
        while (claiming) {
            try {
                int free = permits.take(settings.concurrency());
                if (free > 0) {
                    int claimed = claimAndStart(free);
                    failures = 0;
                    if (claimed == free) {
                        continue;
                    }
                } else {
                    backlog = true;
                }
                signal.await(settings.pollInterval().toMillis());
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 50 == 0) {
                    LOG.warning(() -> "Cannot claim steps (" + e.getMessage() + "); retrying");
                }
                signal.await(Math.min(2000, 100 * failures));
            }
        }
    }

    /** Claims up to {@code free} steps with that many permits held, starts them and gives back the rest; answers how many. */
    private int claimAndStart(int free) {
        GroupSlots.Taken taken = slots.forClaim(free, missing.current());
        List<ClaimedStep> claimed;
        try {
            claimed = store.claim(settings.workerId(), settings.namespaces(), free, settings.leaseMarginSeconds(), taken.filter());
        } catch (RuntimeException e) {
            slots.keep(taken, List.of());
            permits.give(free);
            throw e;
        }
        Map<UUID, String> groups = slots.keep(taken, claimed);
        permits.give(free - claimed.size());
        backlog = claimed.size() == free || taken.heldBack(groups);
        List<ClaimedStep> ready;
        try {
            ready = withDependencyResults(claimed);
        } catch (RuntimeException e) {
            claimed.forEach(step -> slots.release(groups.get(step.stepUuid())));
            permits.give(claimed.size());
            handBack(claimed.stream().map(ClaimedStep::stepUuid).toList(), "the results of its dependencies could not be read");
            throw e;
        }
        ready.forEach(step -> starter.start(step, groups.get(step.stepUuid())));
        return claimed.size();
    }

    /** The steps with the results of the steps they depend on, read in one query. */
    private List<ClaimedStep> withDependencyResults(List<ClaimedStep> steps) {
        if (steps.isEmpty()) {
            return steps;
        }
        Map<UUID, Set<String>> wanted = dependencies.wanted(steps);
        return dependencies.attach(steps, wanted.isEmpty() ? Map.of() : store.results(wanted));
    }
}
