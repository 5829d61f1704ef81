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

    private final TaskStore store;
    private final HandlerResolver handlers;
    private final WorkerSettings settings;
    private final TemplateCache templates;
    private final DependencyResults dependencies;
    private final OutcomeDecider decider = new OutcomeDecider(Clock.systemUTC());
    private final Semaphore permits;
    private final Map<UUID, RunningStep> running = new ConcurrentHashMap<>();
    private final ExecutorService handlerThreads;
    private final ScheduledExecutorService timers;
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
        this.invocation = new StepInvocation(store, handlers, templates, outcomes, decider, settings);
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
    }

    public Worker start() {
        claiming = true;
        claimLoop = Thread.ofPlatform().name("tasker-claim").daemon().start(this::claimLoop);
        long reap = settings.reaperInterval().toMillis();
        timers.scheduleWithFixedDelay(this::expireLeases, reap, reap, TimeUnit.MILLISECONDS);
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
        return reserved == 0 ? RootClaim.NONE : new RootClaim(settings.workerId(), reserved, settings.leaseMarginSeconds());
    }

    @Override
    public void created(String namespace, int readySteps, RootClaim reserved, List<ClaimedStep> claimed) {
        permits.release(reserved.atMost() - claimed.size());
        claimed.forEach(this::start);
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

    private void claimLoop() {
        long failures = 0;
        while (claiming) {
            try {
                int free = permits.availablePermits();
                if (free > 0) {
                    List<ClaimedStep> claimed = store.claim(settings.workerId(), settings.namespaces(), free,
                            settings.leaseMarginSeconds());
                    backlog = claimed.size() == free;
                    failures = 0;
                    for (ClaimedStep step : withDependencyResults(claimed)) {
                        permits.acquireUninterruptibly();
                        start(step);
                    }
                    if (claimed.size() == free) {
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

    /** The steps with the results of the steps they depend on, read in one query. */
    private List<ClaimedStep> withDependencyResults(List<ClaimedStep> steps) {
        if (steps.isEmpty()) {
            return steps;
        }
        Map<UUID, java.util.Set<String>> wanted = dependencies.wanted(steps);
        return dependencies.attach(steps, wanted.isEmpty() ? Map.of() : store.results(wanted));
    }

    /** Runs a step whose permit is already taken; once the worker has stopped, the step is left to its lease. */
    private void start(ClaimedStep step) {
        RunningStep r = new RunningStep(step);
        running.put(step.stepUuid(), r);
        try {
            handlerThreads.execute(() -> run(r));
        } catch (RejectedExecutionException stopped) {
            running.remove(step.stepUuid());
            permits.release();
            LOG.fine(() -> "Worker stopped: step " + step.stepUuid() + " runs again when its lease expires");
        }
    }

    private void run(RunningStep r) {
        r.thread = Thread.currentThread();
        ClaimedStep step = r.step;
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
            Thread.interrupted();
        }
        if (r.finish()) {
            boolean permitPassedOn = finish(r, outcomes.withFailureStrategy(step, outcome));
            done(r, !permitPassedOn);
        }
    }

    private void timeOut(RunningStep r) {
        if (r.finish()) {
            LOG.warning(() -> "Step " + r.step.name() + " (" + r.step.stepUuid() + ") ran past " + r.step.timeoutSeconds()
                    + " s; interrupting it");
            r.interrupt();
            boolean permitPassedOn = finish(r, decider.timedOut(r.step));
            done(r, !permitPassedOn);
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
            try {
                FinishResult result = completions.finish(new StepCompletion(step, outcome, reserved + own));
                permits.release(reserved - Math.max(0, result.claimedChildren().size() - own));
                reserved = 0;
                result.claimedChildren().forEach(this::start);
                if (result.releasedReady() > result.claimedChildren().size()) {
                    wake();
                }
                if (outcome.retryAt() != null) {
                    long delay = Math.max(0, Duration.between(Instant.now(), outcome.retryAt()).toMillis());
                    timers.schedule(() -> wake(), delay + 5, TimeUnit.MILLISECONDS);
                }
                return result;
            } catch (RuntimeException e) {
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
            try {
                int released = store.releaseLeases(settings.workerId(), unfinished.stream().map(r -> r.step.stepUuid()).toList());
                LOG.info(() -> "Released the leases of " + released + " unfinished steps for other workers");
            } catch (RuntimeException e) {
                LOG.warning(() -> "Could not release leases (" + e.getMessage() + "); they expire on their own");
            }
            unfinished.forEach(RunningStep::interrupt);
        }
        timers.shutdownNow();
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
