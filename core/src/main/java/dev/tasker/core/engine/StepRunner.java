package dev.tasker.core.engine;

import dev.tasker.core.api.HandlerError;
import dev.tasker.core.spi.HandlerResolver;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Runs claimed steps' handlers on platform threads under their timeouts; exactly one of the handler's return, its
 * timeout or a cancel decides the attempt's outcome, which goes to the {@link StepFinisher}.
 */
final class StepRunner {

    private static final Logger LOG = Logger.getLogger(StepRunner.class.getName());

    private final StepQueue store;
    private final HandlerResolver handlers;
    private final WorkerSettings settings;
    private final OutcomeDecider decider;
    private final StepInvocation invocation;
    private final WaitingLeases waitingLeases;
    private final GroupSlots slots;
    private final ClaimLoop claims;
    private final RunningSteps running;
    private final ExecutorService handlerThreads;
    /** Timeouts and retry wake-ups: they never wait on the database (a finish goes to a step thread). */
    private final ScheduledExecutorService timers;
    private final AtomicInteger attemptsRun = new AtomicInteger();
    private StepFinisher finisher;

    StepRunner(StepQueue store, HandlerResolver handlers, WorkerSettings settings, OutcomeDecider decider,
               StepInvocation invocation, GroupSlots slots, ClaimLoop claims,
               RunningSteps running, ExecutorService handlerThreads, ScheduledExecutorService timers) {
        this.store = store;
        this.handlers = handlers;
        this.settings = settings;
        this.decider = decider;
        this.invocation = invocation;
        this.waitingLeases = new WaitingLeases(store, settings);
        this.slots = slots;
        this.claims = claims;
        this.running = running;
        this.handlerThreads = handlerThreads;
        this.timers = timers;
    }

    void finishWith(StepFinisher stepFinisher) {
        this.finisher = stepFinisher;
    }

    int attemptsRun() {
        return attemptsRun.get();
    }

    WaitingLeases waitingLeases() {
        return waitingLeases;
    }

    /**
     * Runs a step whose permit (and place in its handler group, if it has one) is already taken; once the worker has
     * stopped, the step is left to its lease.
     */
    void start(ClaimedStep step, String group) {
        RunningStep r = running.add(step, group);
        try {
            handlerThreads.execute(() -> run(r));
        } catch (RejectedExecutionException stopped) {
            running.abandon(r);
            slots.release(group);
            LOG.fine(() -> "Worker stopped: step " + step.stepUuid() + " runs again when its lease expires");
        }
    }

    /** Interrupts this worker's running attempts of a task that was cancelled. */
    void cancelTask(UUID taskUuid) {
        running.all().stream().filter(r -> r.step.taskUuid().equals(taskUuid)).forEach(r -> {
            if (r.finish()) {
                HandlerStops.stop(r);
                running.ended(r);
            }
        });
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
            boolean permitPassedOn = finisher.finish(r, outcome);
            running.ended(r, !permitPassedOn);
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
        running.ended(r);
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
                    boolean permitPassedOn = finisher.finish(r, decider.timedOut(r.step));
                    running.ended(r, !permitPassedOn);
                });
            } catch (RejectedExecutionException stopped) {
                running.ended(r);
            }
        }
    }
}
