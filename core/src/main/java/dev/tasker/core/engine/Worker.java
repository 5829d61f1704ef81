package dev.tasker.core.engine;

import dev.tasker.core.handler.HandlerError;
import dev.tasker.core.handler.HandlerResolver;

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
import java.util.concurrent.ThreadFactory;
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

    private final TaskStore store;
    private final HandlerResolver handlers;
    private final WorkerSettings settings;
    private final TemplateCache templates;
    private final OutcomeDecider decider = new OutcomeDecider(Clock.systemUTC());
    private final Permits permits;
    private final GroupSlots slots;
    private final ClaimLoop claims;
    private final Map<UUID, RunningStep> running = new ConcurrentHashMap<>();
    private final ExecutorService handlerThreads;
    /** Timeouts and retry wake-ups: they never wait on the database (a finish goes to a step thread). */
    private final ScheduledExecutorService timers;
    /** The lease reaper, which does. */
    private final ScheduledExecutorService reaper;
    private final AtomicInteger attemptsRun = new AtomicInteger();
    private final RecordedOutcomes recordedOutcomes;
    private final TemplateOutcomes outcomes;
    private final CompletionBatcher completions;
    private final StepInvocation invocation;
    private final WaitingLeases waitingLeases;

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
        DependencyResults dependencies = new DependencyResults(templates);
        this.outcomes = new TemplateOutcomes(store, templates, decider, new DecisionPlanner(settings.maxStepsPerDecision(),
                settings.maxDecisionDepth()), new BatchPlanner(settings.maxStepsPerDecision()));
        this.invocation = new StepInvocation(store, templates, outcomes, decider, settings);
        this.permits = new Permits(settings.concurrency());
        this.slots = new GroupSlots(handlers);
        this.claims = new ClaimLoop(store, settings, permits, slots, dependencies, this::start);
        this.completions = new CompletionBatcher(batch -> store.finishAll(settings.workerId(), batch,
                settings.leaseMarginSeconds(), dependencies), COMPLETION_WRITERS, settings.concurrency());
        AtomicInteger n = new AtomicInteger();
        this.handlerThreads = Executors.newCachedThreadPool(daemon(() -> "tasker-step-" + n.incrementAndGet()));
        this.timers = Executors.newScheduledThreadPool(1, daemon(() -> "tasker-timers"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemon(() -> "tasker-lease-reaper"));
        this.waitingLeases = new WaitingLeases(store, settings);
    }

    private static ThreadFactory daemon(java.util.function.Supplier<String> name) {
        return r -> {
            Thread t = new Thread(r, name.get());
            t.setDaemon(true);
            return t;
        };
    }

    public Worker start() {
        claims.start();
        long reap = settings.reaperInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::expireLeases, reap, reap, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Worker " + settings.workerId() + " started: " + settings.concurrency() + " concurrent steps, namespaces "
                + (settings.namespaces().isEmpty() ? "all" : settings.namespaces()));
        return this;
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
        running.values().stream().filter(r -> r.step.taskUuid().equals(taskUuid)).forEach(r -> {
            if (r.finish()) {
                HandlerStops.stop(r);
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
            permits.give(1);
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
        if (r.handler.waitsForARunner()) {
            r.waitingForRunner = true;
        } else {
            startTimeout(r);
        }
        StepOutcome outcome;
        try {
            outcome = invocation.invoke(r, () -> startTimeout(r));
        } catch (HandlerError e) {
            outcome = decider.described(step, e.error(), e.retryable(), e.retryAfter());
        } catch (Throwable t) {
            outcome = decider.thrown(step, t);
        } finally {
            r.cancelTimeout();
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
     * Starts the attempt's timeout afresh (at the start, after a checkpoint yield, or when a guest call has its
     * context); a call that waited for its context first takes its lease back from {@link WaitingLeases}.
     */
    private void startTimeout(RunningStep r) {
        r.cancelTimeout();
        if (!waitingLeases.starting(r)) {
            throw new IllegalStateException("step " + r.step.name() + " is no longer this worker's: its lease expired while "
                    + "it waited for a context; it was not run");
        }
        r.timeout = timers.schedule(() -> timeOut(r), r.step.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /**
     * A step this JVM has no handler for (another JVM's handler folders, a reload in between) goes back to the queue as
     * it was, and its callable is left out of this worker's claims for a while.
     */
    private void handBackUnknown(RunningStep r) {
        slots.release(r.group);
        if (!r.finish()) {
            return;
        }
        claims.handlerMissing(r.step.callable());
        LOG.warning(() -> "No handler is loaded here for callable '" + r.step.callable() + "' (step " + r.step.name()
                + "); handed back for a worker that has it");
        claims.handBack(List.of(r.step.stepUuid()), "worker " + settings.workerId() + " has no handler for '" + r.step.callable() + "'");
        done(r);
    }

    /** The timer only interrupts; the outcome is written on a step thread, so a slow database delays no other timer. */
    private void timeOut(RunningStep r) {
        if (r.finish()) {
            LOG.warning(() -> "Step " + r.step.name() + " (" + r.step.stepUuid() + ") ran past " + r.step.timeoutSeconds()
                    + " s; interrupting it");
            HandlerStops.stop(r);
            try {
                handlerThreads.execute(() -> {
                    HandlerStops.awaitAfterTimeout(r, store, settings);
                    boolean permitPassedOn = finish(r, decider.timedOut(r.step));
                    done(r, !permitPassedOn);
                });
            } catch (RejectedExecutionException stopped) {
                done(r);
            }
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
        int own = claims.isClaiming() ? 1 : 0;
        int reserved = own == 1 ? permits.take(7) : 0;
        while (true) {
            GroupSlots.Taken children = slots.forAnyOf(reserved + own, templates.childCallables(step));
            try {
                FinishResult result = completions.finish(new StepCompletion(step, outcome, children.claimLimit()));
                permits.give(reserved - Math.max(0, result.claimedChildren().size() - own));
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
                permits.give(reserved);
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

    private void done(RunningStep r) {
        done(r, true);
    }

    /** @param releasePermit false when the step's permit went to a child it released */
    private void done(RunningStep r, boolean releasePermit) {
        running.remove(r.step.stepUuid());
        if (releasePermit) {
            permits.give(1);
        }
        claims.stepEnded();
    }

    private void expireLeases() {
        waitingLeases.keep(running.values());
        try {
            if (store.expireLeases(100) + store.settleOrphans(100) > 0) {
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
            sleep(20);
        }
        List<RunningStep> unfinished = running.values().stream().filter(RunningStep::finish).toList();
        if (!unfinished.isEmpty()) {
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
        timers.shutdownNow();
        reaper.shutdownNow();
        handlerThreads.shutdownNow();
        claims.join();
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
