package dev.tasker.core.engine;

import dev.tasker.core.events.EventBus;
import dev.tasker.core.spi.HandlerResolver;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A JVM's worker: claims ready steps ({@link ClaimLoop}), runs their handlers ({@link StepRunner}), records their
 * outcomes ({@link StepFinisher}) and ends the attempts of dead workers ({@link LeaseReaper}). Every JVM runs one;
 * they coordinate only through the {@link TaskStore}.
 */
public final class Worker implements LocalWorker, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    /** Transactions writing step outcomes at once; the outcomes that finish meanwhile wait and go together. */
    private static final int COMPLETION_WRITERS = 2;
    private static final int REAP_AT_ONCE = 100;

    private final TaskStore store;
    private final WorkerSettings settings;
    private final Permits permits;
    private final GroupSlots slots;
    private final ClaimLoop claims;
    private final RunningSteps running;
    private final StepRunner runner;
    private final LeaseReaper leases;
    private final ExecutorService handlerThreads;
    private final ScheduledExecutorService timers;
    /** The lease reaper's thread, which waits on the database (the timers never do). */
    private final ScheduledExecutorService reaper;

    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings) {
        this(store, handlers, settings, EngineEvents.NONE);
    }

    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings, EngineEvents events) {
        this(store, handlers, settings, events, new EventBus());
    }

    /** @param bus where fast and broadcast domain events go */
    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings, EngineEvents events, EventBus bus) {
        this.store = store;
        this.settings = settings;
        OutcomeDecider decider = new OutcomeDecider(Clock.systemUTC());
        RecordedOutcomes recorded = new RecordedOutcomes(store, events, bus);
        TemplateCache templates = new TemplateCache(store);
        DependencyResults dependencies = new DependencyResults(templates);
        TemplateOutcomes outcomes = new TemplateOutcomes(store, templates, decider, new DecisionPlanner(
                settings.maxStepsPerDecision(), settings.maxDecisionDepth()), new BatchPlanner(settings.maxStepsPerDecision()));
        this.permits = new Permits(settings.concurrency());
        this.slots = new GroupSlots(handlers);
        this.claims = new ClaimLoop(store, settings, permits, slots, dependencies, this::start);
        this.running = new RunningSteps(permits, claims);
        AtomicInteger n = new AtomicInteger();
        this.handlerThreads = Executors.newCachedThreadPool(daemon(() -> "tasker-step-" + n.incrementAndGet()));
        this.timers = Executors.newScheduledThreadPool(1, daemon(() -> "tasker-timers"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemon(() -> "tasker-lease-reaper"));
        this.runner = new StepRunner(store, handlers, settings, decider, new StepInvocation(store, templates, outcomes,
                decider, settings), slots, claims, running, handlerThreads, timers);
        CompletionBatcher completions = new CompletionBatcher(batch -> store.finishAll(settings.workerId(), batch,
                settings.leaseMarginSeconds(), dependencies), COMPLETION_WRITERS, settings.concurrency());
        runner.finishWith(new StepFinisher(settings, templates, outcomes, recorded, completions, permits, slots, claims,
                this::start, timers));
        this.leases = new LeaseReaper(store, store, decider, outcomes, recorded);
    }

    private static ThreadFactory daemon(Supplier<String> name) {
        return r -> {
            Thread t = new Thread(r, name.get());
            t.setDaemon(true);
            return t;
        };
    }

    public Worker start() {
        claims.start();
        long reap = settings.reaperInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::reapQuietly, reap, reap, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Worker " + settings.workerId() + " started: " + settings.concurrency() + " concurrent steps, namespaces "
                + (settings.namespaces().isEmpty() ? "all" : settings.namespaces()));
        return this;
    }

    private void start(ClaimedStep step, String group) {
        runner.start(step, group);
    }

    /** New work may be ready (a notification, a new task, a released child). */
    public void wake() {
        claims.wake();
    }

    /** New work may be ready in a namespace (null: any); a worker that does not serve it is left asleep. */
    public void wake(String namespace) {
        if (namespace == null || serves(namespace)) {
            wake();
        }
    }

    private boolean serves(String namespace) {
        return settings.namespaces().isEmpty() || settings.namespaces().contains(namespace);
    }

    @Override
    public RootClaim reserve(String namespace, List<String> readyCallables) {
        if (!claims.isClaiming() || readyCallables.isEmpty() || !serves(namespace)) {
            return RootClaim.NONE;
        }
        int reserved = permits.take(readyCallables.size());
        if (reserved == 0) {
            return RootClaim.NONE;
        }
        GroupSlots.Taken places = slots.forPrefix(reserved, readyCallables);
        permits.give(reserved - places.claimLimit());
        return new RootClaim(settings.workerId(), places.claimLimit(), settings.leaseMarginSeconds(), places);
    }

    @Override
    public void created(String namespace, int readySteps, RootClaim reserved, List<ClaimedStep> claimed) {
        permits.give(reserved.atMost() - claimed.size());
        Map<UUID, String> groups = reserved.places() instanceof GroupSlots.Taken places ? slots.keep(places, claimed) : Map.of();
        claimed.forEach(step -> start(step, groups.get(step.stepUuid())));
        if (claimed.size() < readySteps) {
            wake(namespace);
        }
    }

    /** Interrupts this worker's running attempts of a task that was cancelled. */
    public void cancelTask(UUID taskUuid) {
        runner.cancelTask(taskUuid);
    }

    public int runningCount() {
        return running.size();
    }

    public int attemptsRun() {
        return runner.attemptsRun();
    }

    public WorkerSettings settings() {
        return settings;
    }

    /**
     * Ends the attempts whose lease expired (their worker died) and settles orphaned sub-workflow parents, as the
     * reaper does every {@link WorkerSettings#reaperInterval()}; answers how many it moved on.
     */
    public int reapLeases() {
        runner.waitingLeases().keep(running.all());
        return leases.reap(REAP_AT_ONCE);
    }

    private void reapQuietly() {
        try {
            if (reapLeases() > 0) {
                wake();
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Lease expiry skipped: " + e.getMessage());
        }
    }

    /** Stops claiming; waits up to {@code grace} for running attempts, then stops them and gives back their leases. */
    public void stop(Duration grace) {
        claims.stop();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Sleep.millis(20);
        }
        List<RunningStep> unfinished = running.all().stream().filter(RunningStep::finish).toList();
        if (!unfinished.isEmpty()) {
            releaseLeases(unfinished);
        }
        timers.shutdownNow();
        reaper.shutdownNow();
        handlerThreads.shutdownNow();
        claims.join();
    }

    private void releaseLeases(List<RunningStep> unfinished) {
        List<UUID> stopped = HandlerStops.stopAll(unfinished).stream().map(r -> r.step.stepUuid()).toList();
        try {
            int released = store.releaseLeases(settings.workerId(), stopped);
            LOG.info(() -> "Released the leases of " + released + " unfinished steps for other workers");
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not release leases (" + e.getMessage() + "); they expire on their own");
        }
        long stillRunning = unfinished.size() - stopped.size();
        if (stillRunning > 0) {
            LOG.warning(() -> stillRunning + " handlers did not stop; their steps run again when their leases expire");
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
