package dev.tasker.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records an attempt's outcome, retrying while the database is away; the children it releases are claimed in the same
 * transaction, up to the permits it can take, and started at once.
 */
final class StepFinisher {

    private static final Logger LOG = Logger.getLogger(StepFinisher.class.getName());
    /** Permits a finishing step takes besides its own, for the children it may release. */
    private static final int CHILD_PERMITS = 7;

    private final WorkerSettings settings;
    private final TemplateCache templates;
    private final TemplateOutcomes outcomes;
    private final RecordedOutcomes recorded;
    private final CompletionBatcher completions;
    private final Permits permits;
    private final GroupSlots slots;
    private final ClaimLoop claims;
    private final ClaimLoop.Starter starter;
    private final ScheduledExecutorService timers;

    StepFinisher(WorkerSettings settings, TemplateCache templates, TemplateOutcomes outcomes, RecordedOutcomes recorded,
                 CompletionBatcher completions, Permits permits, GroupSlots slots, ClaimLoop claims,
                 ClaimLoop.Starter starter, ScheduledExecutorService timers) {
        this.settings = settings;
        this.templates = templates;
        this.outcomes = outcomes;
        this.recorded = recorded;
        this.completions = completions;
        this.permits = permits;
        this.slots = slots;
        this.claims = claims;
        this.starter = starter;
        this.timers = timers;
    }

    /**
     * Records the outcome, with the step's failure strategy and domain events applied; answers whether the step's
     * permit went to a child claimed in the same transaction.
     */
    boolean finish(RunningStep r, StepOutcome decided) {
        StepOutcome outcome = outcomes.applied(r.step, decided);
        FinishResult result = write(r.step, outcome);
        if (result == null || !result.accepted()) {
            return false;
        }
        recorded.recorded(r.step, r.language, Duration.ofNanos(System.nanoTime() - r.startedNanos), outcome, result);
        return !result.claimedChildren().isEmpty();
    }

    /**
     * Retries while the database is away, until the lease would expire and another worker takes over. The finishing
     * step's own permit may go to the first child claimed (so a busy worker still follows a chain without a claim
     * poll); permits of the others are taken free ones.
     */
    private FinishResult write(ClaimedStep step, StepOutcome outcome) {
        Instant giveUp = Instant.now().plusSeconds(step.timeoutSeconds() + settings.leaseMarginSeconds());
        long wait = 50;
        int own = claims.isClaiming() ? 1 : 0;
        int reserved = own == 1 ? permits.take(CHILD_PERMITS) : 0;
        while (true) {
            GroupSlots.Taken children = slots.forAnyOf(reserved + own, templates.childCallables(step));
            try {
                FinishResult result = completions.finish(new StepCompletion(step, outcome, children.claimLimit()));
                permits.give(reserved - Math.max(0, result.claimedChildren().size() - own));
                reserved = 0;
                Map<UUID, String> groups = slots.keep(children, result.claimedChildren());
                result.claimedChildren().forEach(child -> starter.start(child, groups.get(child.stepUuid())));
                if (result.releasedReady() > result.claimedChildren().size()) {
                    claims.wake();
                }
                if (outcome.retryAt() != null) {
                    long delay = Math.max(0, Duration.between(Instant.now(), outcome.retryAt()).toMillis());
                    timers.schedule(claims::wake, delay + 5, TimeUnit.MILLISECONDS);
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
                Sleep.millis(wait);
                wait = Math.min(2000, wait * 2);
            }
        }
    }
}
