package dev.tasker.core.engine;

import dev.tasker.core.handler.HandlerError;
import dev.tasker.core.handler.HandlerResolver;
import dev.tasker.core.handler.StepHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims ready steps, runs their handlers on platform threads under their timeouts, and finishes
 * them. Every JVM runs one; they coordinate only through the {@link TaskStore}.
 */
public final class Worker implements LocalWorker, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Worker.class.getName());
    /** Transactions writing step outcomes at once; the outcomes that finish meanwhile wait and go together. */
    private static final int COMPLETION_WRITERS = 2;
    private static final Duration MISSING_HANDLER_HOLD = Duration.ofSeconds(10);
    /** How long an interrupted handler (a guest's context cancelled) is given to stop before its step is let go. */
    private static final Duration HANDLER_STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_STOP_WAIT = Duration.ofSeconds(6);

    private final TaskStore store;
    private final HandlerResolver handlers;
    private final WorkerSettings settings;
    private final TemplateCache templates;
    private final DependencyResults dependencies;
    private final OutcomeDecider decider = new OutcomeDecider(Clock.systemUTC());
    private final Semaphore permits;
    private final Map<UUID, RunningStep> running = new ConcurrentHashMap<>();
    private final ExecutorService handlerThreads;
    /** Timeouts and retry wake-ups: they never wait on the database (a finish goes to a step thread). */
    private final ScheduledExecutorService timers;
    /** The lease reaper, which does. */
    private final ScheduledExecutorService reaper;
    private final GroupSlots slots;
    /** Callables this JVM had no handler for, until when they are left out of its claims. */
    private final Map<String, Long> missing = new ConcurrentHashMap<>();
    private final WorkSignal workSignal = new WorkSignal();
    private final AtomicInteger attemptsRun = new AtomicInteger();
    private final RecordedOutcomes recordedOutcomes;
    private final TemplateOutcomes outcomes;
    private final CompletionBatcher completions;
    private final StepInvocation invocation;
    private volatile boolean claiming;
    /** The last claim filled every free permit (or none was free): more ready steps may wait for a permit. */
    private volatile boolean backlog = true;
    private Thread claimLoop;

    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings) {
        this(store, handlers, settings, EngineEvents.NONE);
    }

    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings, EngineEvents events) {
        this(store, handlers, settings, events, new dev.tasker.core.events.EventBus());
    }

    /** @param bus where fast and broadcast domain events go */
    public Worker(TaskStore store, HandlerResolver handlers, WorkerSettings settings, EngineEvents events,
                  dev.tasker.core.events.EventBus bus) {
        this.recordedOutcomes = new RecordedOutcomes(store, events, bus);
        this.store = store;
        this.handlers = handlers;
        this.settings = settings;
        this.templates = new TemplateCache(store);
        this.dependencies = new DependencyResults(templates);
        this.outcomes = new TemplateOutcomes(store, templates, decider, new DecisionPlanner(settings.maxStepsPerDecision(),
                settings.maxDecisionDepth()), new BatchPlanner(settings.maxStepsPerDecision()));
        this.invocation = new StepInvocation(store, templates, outcomes, decider, settings);
        this.permits = new Semaphore(settings.concurrency());
        this.completions = new CompletionBatcher(batch -> store.finishAll(settings.workerId(), batch,
                settings.leaseMarginSeconds(), dependencies), COMPLETION_WRITERS, settings.concurrency());
        AtomicInteger n = new AtomicInteger();
        this.handlerThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tasker-step-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "tasker-timers");
            t.setDaemon(true);
            return t;
        });
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tasker-lease-reaper");
            t.setDaemon(true);
            return t;
        });
        this.slots = new GroupSlots(handlers);
    }

    public Worker start() {
        claiming = true;
        claimLoop = Thread.ofPlatform().name("tasker-claim").daemon().start(this::claimLoop);
        long reap = settings.reaperInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::expireLeases, reap, reap, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Worker " + settings.workerId() + " started: " + settings.concurrency() + " concurrent steps, namespaces "
                + (settings.namespaces().isEmpty() ? "all" : settings.namespaces()));
        return this;
    }

    /** New work may be ready (a notification, a new task, a released child). */
    public void wake() {
        workSignal.raise();
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
    public RootClaim reserve(String namespace, int readySteps) {
        if (!claiming || readySteps == 0 || !serves(namespace)) {
            return RootClaim.NONE;
        }
        int reserved = reservePermits(readySteps);
        int atMost = reserved == 0 ? 0 : slots.forAnyOf(reserved).claimLimit();
        permits.release(reserved - atMost);
        return atMost == 0 ? RootClaim.NONE : new RootClaim(settings.workerId(), atMost, settings.leaseMarginSeconds());
    }

    @Override
    public void created(String namespace, int readySteps, RootClaim reserved, List<ClaimedStep> claimed) {
        permits.release(reserved.atMost() - claimed.size());
        Map<UUID, String> groups = reserved.atMost() == 0 ? Map.of()
                : slots.keep(slots.takenForAnyOf(reserved.atMost()), claimed);
        claimed.forEach(step -> start(step, groups.get(step.stepUuid())));
        if (claimed.size() < readySteps) {
            wake(namespace);
        }
    }

    /** Interrupts this worker's running attempts of a task that was cancelled. */
    public void cancelTask(UUID taskUuid) {
        running.values().stream().filter(r -> r.step.taskUuid().equals(taskUuid)).forEach(r -> {
            if (r.finish()) {
                r.interrupt();
                StepHandler handler = r.handler;
                if (handler != null) {
                    try {
                        handler.cancel(r.thread);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Cancelling the handler of step " + r.step.name() + " failed", e);
                    }
                }
                done(r);
            }
        });
    }

    public int runningCount() {
        return running.size();
    }

    public int attemptsRun() {
        return attemptsRun.get();
    }

    public WorkerSettings settings() {
        return settings;
    }

    /**
     * Claims as many steps as it has permits and context places for, taken before the claim: a claimed step starts at
     * once, so its lease and timeout cover its run, not a wait.
     */
    private void claimLoop() {
        long failures = 0;
        while (claiming) {
            try {
                int free = reservePermits(settings.concurrency());
                if (free > 0) {
                    int claimed = claimAndStart(free);
                    failures = 0;
                    if (claimed == free) {
                        continue;
                    }
                } else {
                    backlog = true;
                }
                workSignal.await(settings.pollInterval().toMillis());
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 50 == 0) {
                    LOG.warning(() -> "Cannot claim steps (" + e.getMessage() + "); retrying");
                }
                workSignal.await(Math.min(2000, 100 * failures));
            }
        }
    }

    /** Claims up to {@code free} steps with that many permits held, starts them and gives back the rest; answers how many. */
    private int claimAndStart(int free) {
        GroupSlots.Taken taken = slots.forClaim(free, missingCallables());
        List<ClaimedStep> claimed;
        try {
            claimed = store.claim(settings.workerId(), settings.namespaces(), free, settings.leaseMarginSeconds(), taken.filter());
        } catch (RuntimeException e) {
            slots.keep(taken, List.of());
            permits.release(free);
            throw e;
        }
        Map<UUID, String> groups = slots.keep(taken, claimed);
        permits.release(free - claimed.size());
        // a group's share may have held the claim back while more of its steps wait
        backlog = claimed.size() == free || !taken.filter().isAny();
        List<ClaimedStep> ready;
        try {
            ready = withDependencyResults(claimed);
        } catch (RuntimeException e) {
            claimed.forEach(step -> slots.release(groups.get(step.stepUuid())));
            permits.release(claimed.size());
            handBack(claimed.stream().map(ClaimedStep::stepUuid).toList(), "the results of its dependencies could not be read");
            throw e;
        }
        ready.forEach(step -> start(step, groups.get(step.stepUuid())));
        return claimed.size();
    }

    private java.util.Set<String> missingCallables() {
        if (missing.isEmpty()) {
            return java.util.Set.of();
        }
        long now = System.nanoTime();
        missing.values().removeIf(until -> until - now < 0);
        return java.util.Set.copyOf(missing.keySet());
    }

    /** Gives steps back untouched (their attempt not counted), for another worker or a later claim. */
    private void handBack(List<UUID> steps, String reason) {
        try {
            store.handBack(settings.workerId(), steps, reason);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not hand back " + steps.size() + " steps (" + e.getMessage() + "); their leases expire");
        }
    }

    /** The steps with the results of the steps they depend on, read in one query. */
    private List<ClaimedStep> withDependencyResults(List<ClaimedStep> steps) {
        if (steps.isEmpty()) {
            return steps;
        }
        Map<UUID, java.util.Set<String>> wanted = dependencies.wanted(steps);
        return dependencies.attach(steps, wanted.isEmpty() ? Map.of() : store.results(wanted));
    }

    /**
     * Runs a step whose permit (and place in its handler group, if it has one) is already taken; once the worker has
     * stopped, the step is left to its lease.
     */
    private void start(ClaimedStep step, String group) {
        RunningStep r = new RunningStep(step);
        r.group = group;
        running.put(step.stepUuid(), r);
        try {
            handlerThreads.execute(() -> run(r));
        } catch (RejectedExecutionException stopped) {
            running.remove(step.stepUuid());
            slots.release(group);
            permits.release();
            LOG.fine(() -> "Worker stopped: step " + step.stepUuid() + " runs again when its lease expires");
        }
    }

    private void run(RunningStep r) {
        r.thread = Thread.currentThread();
        ClaimedStep step = r.step;
        if (r.isFinished()) {
            r.stopped();
            return;
        }
        r.handler = handlers.resolve(step.callable()).orElse(null);
        if (r.handler == null) {
            handBackUnknown(r);
            r.stopped();
            return;
        }
        r.language = r.handler.language();
        attemptsRun.incrementAndGet();
        r.timeout = timers.schedule(() -> timeOut(r), step.timeoutSeconds(), TimeUnit.SECONDS);
        StepOutcome outcome;
        try {
            outcome = invocation.invoke(r, () -> {
                r.timeout.cancel(false);
                r.timeout = timers.schedule(() -> timeOut(r), step.timeoutSeconds(), TimeUnit.SECONDS);
            });
        } catch (HandlerError e) {
            outcome = decider.described(step, e.error(), e.retryable(), e.retryAfter());
        } catch (Throwable t) {
            outcome = decider.thrown(step, t);
        } finally {
            r.timeout.cancel(false);
            slots.release(r.group);
            r.stopped();
            Thread.interrupted();
        }
        if (r.finish()) {
            boolean permitPassedOn = finish(r, outcomes.withFailureStrategy(step, outcome));
            done(r, !permitPassedOn);
        }
    }

    /**
     * A step this JVM has no handler for (another JVM's handler folders, a reload in between) goes back to the queue as
     * it was, and its callable is left out of this worker's claims for a while.
     */
    private void handBackUnknown(RunningStep r) {
        if (!r.finish()) {
            return;
        }
        slots.release(r.group);
        missing.put(r.step.callable(), System.nanoTime() + MISSING_HANDLER_HOLD.toNanos());
        LOG.warning(() -> "No handler is loaded here for callable '" + r.step.callable() + "' (step " + r.step.name()
                + "); handed back for a worker that has it");
        handBack(List.of(r.step.stepUuid()), "worker " + settings.workerId() + " has no handler for '" + r.step.callable() + "'");
        done(r);
    }

    /** The timer only interrupts; the outcome is written on a step thread, so a slow database delays no other timer. */
    private void timeOut(RunningStep r) {
        if (r.finish()) {
            LOG.warning(() -> "Step " + r.step.name() + " (" + r.step.stepUuid() + ") ran past " + r.step.timeoutSeconds()
                    + " s; interrupting it");
            stopHandler(r);
            try {
                handlerThreads.execute(() -> {
                    awaitHandlerStop(r);
                    boolean permitPassedOn = finish(r, decider.timedOut(r.step));
                    done(r, !permitPassedOn);
                });
            } catch (RejectedExecutionException stopped) {
                done(r);
            }
        }
    }

    /** Interrupts the handler's thread and has its language stop the call (a guest's context is cancelled if need be). */
    private static void stopHandler(RunningStep r) {
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
     * Keeps the step until its interrupted handler has returned, so that its next attempt cannot start elsewhere while
     * this one runs: the lease is extended for the wait. A Java handler that ignores interruption cannot be stopped; it
     * is reported and its step let go after {@link #HANDLER_STOP_WAIT}.
     */
    private void awaitHandlerStop(RunningStep r) {
        if (r.awaitStopped(Duration.ofMillis(200))) {
            return;
        }
        try {
            store.extendLease(settings.workerId(), r.step, (int) HANDLER_STOP_WAIT.toSeconds() + settings.leaseMarginSeconds());
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not extend the lease of step " + r.step.stepUuid() + ": " + e.getMessage());
        }
        if (!r.awaitStopped(HANDLER_STOP_WAIT)) {
            LOG.severe(() -> "The handler of step " + r.step.name() + " (" + r.step.stepUuid() + ", " + r.language
                    + ") ignores interruption and still runs " + HANDLER_STOP_WAIT.toSeconds() + " s after it was stopped; "
                    + "its step is let go and may run again elsewhere while it does");
        }
    }

    /** Records the outcome; answers whether the step's permit went to a child claimed in the same transaction. */
    private boolean finish(RunningStep r, StepOutcome decided) {
        StepOutcome outcome = outcomes.withDomainEvents(r.step, decided);
        FinishResult result = finish(r.step, outcome);
        if (result == null || !result.accepted()) {
            return false;
        }
        recordedOutcomes.recorded(r.step, r.language, Duration.ofNanos(System.nanoTime() - r.startedNanos), outcome, result);
        return !result.claimedChildren().isEmpty();
    }

    /**
     * Retries while the database is away, until the lease would expire and another worker takes over. The finishing
     * step's own permit may go to the first child claimed (so a busy worker still follows a chain without a claim
     * poll); permits of the others are taken free ones.
     */
    private FinishResult finish(ClaimedStep step, StepOutcome outcome) {
        Instant giveUp = Instant.now().plusSeconds(step.timeoutSeconds() + settings.leaseMarginSeconds());
        long wait = 50;
        int own = claiming ? 1 : 0;
        int reserved = own == 1 ? reservePermits(7) : 0;
        while (true) {
            GroupSlots.Taken children = slots.forAnyOf(reserved + own);
            try {
                FinishResult result = completions.finish(new StepCompletion(step, outcome, children.claimLimit()));
                permits.release(reserved - Math.max(0, result.claimedChildren().size() - own));
                reserved = 0;
                Map<UUID, String> groups = slots.keep(children, result.claimedChildren());
                result.claimedChildren().forEach(child -> start(child, groups.get(child.stepUuid())));
                if (result.releasedReady() > result.claimedChildren().size()) {
                    wake();
                }
                if (outcome.retryAt() != null) {
                    long delay = Math.max(0, Duration.between(Instant.now(), outcome.retryAt()).toMillis());
                    timers.schedule(() -> wake(), delay + 5, TimeUnit.MILLISECONDS);
                }
                return result;
            } catch (RuntimeException e) {
                slots.keep(children, List.of());
                permits.release(reserved);
                reserved = 0;
                if (Instant.now().isAfter(giveUp)) {
                    LOG.log(Level.WARNING, "Could not record the outcome of step " + step.name() + " (" + step.stepUuid()
                            + "); its lease will expire and it runs again", e);
                    return null;
                }
                LOG.fine(() -> "Finishing step " + step.stepUuid() + " failed (" + e.getMessage() + "); retrying");
                sleep(wait);
                wait = Math.min(2000, wait * 2);
            }
        }
    }

    /** Takes up to {@code max} free permits without waiting, for children claimed as their parent finishes. */
    private int reservePermits(int max) {
        int n = 0;
        while (n < max && permits.tryAcquire()) {
            n++;
        }
        return n;
    }

    private void done(RunningStep r) {
        done(r, true);
    }

    /** @param releasePermit false when the step's permit went to a child it released */
    private void done(RunningStep r, boolean releasePermit) {
        running.remove(r.step.stepUuid());
        if (releasePermit) {
            permits.release();
        }
        if (backlog) {
            wake();
        }
    }

    private void expireLeases() {
        try {
            if (store.expireLeases(100) + store.settleOrphans(100) > 0) {
                wake();
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Lease expiry skipped: " + e.getMessage());
        }
    }

    /** Stops claiming; waits up to {@code grace} for running attempts, then gives their leases back. */
    public void stop(Duration grace) {
        claiming = false;
        wake();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        List<RunningStep> unfinished = running.values().stream().filter(RunningStep::finish).toList();
        if (!unfinished.isEmpty()) {
            // stopped first, given back after: a step is never queued again while its handler still runs here
            unfinished.forEach(Worker::stopHandler);
            long until = System.nanoTime() + SHUTDOWN_STOP_WAIT.toNanos();
            while (unfinished.stream().anyMatch(r -> !r.hasStopped()) && System.nanoTime() < until) {
                sleep(20);
            }
            List<UUID> stopped = unfinished.stream().filter(RunningStep::hasStopped).map(r -> r.step.stepUuid()).toList();
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
        timers.shutdownNow();
        reaper.shutdownNow();
        handlerThreads.shutdownNow();
        if (claimLoop != null) {
            try {
                claimLoop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
