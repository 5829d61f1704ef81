package dev.tasker.core.engine;

import java.time.Duration;
import java.util.List;

/**
 * Ends the attempts whose worker died, decided as any failed attempt is (the step's retries, its failure strategy,
 * its domain events); an attempt that never started goes back uncounted. Also settles the parents of sub-workflows
 * that ended while their JVM died.
 */
final class LeaseReaper {

    private final StepQueue queue;
    private final TaskRecords tasks;
    private final OutcomeDecider decider;
    private final TemplateOutcomes outcomes;
    private final RecordedOutcomes recorded;

    LeaseReaper(StepQueue queue, TaskRecords tasks, OutcomeDecider decider, TemplateOutcomes outcomes, RecordedOutcomes recorded) {
        this.queue = queue;
        this.tasks = tasks;
        this.decider = decider;
        this.outcomes = outcomes;
        this.recorded = recorded;
    }

    /** Answers how many steps and parents it moved on. */
    int reap(int limit) {
        int moved = 0;
        for (ExpiredLease lease : queue.expiredLeases(limit)) {
            ClaimedStep step = lease.step();
            if (lease.neverRan()) {
                moved += queue.handBack(lease.owner(), List.of(step.stepUuid()), "lease of worker " + lease.owner()
                        + " expired while the step waited for a guest context; it never ran, so the attempt is not counted");
                continue;
            }
            StepOutcome outcome = outcomes.applied(step, decider.leaseExpired(step, lease.owner()));
            FinishResult result = queue.finishAll(lease.owner(), List.of(new StepCompletion(step, outcome, 0)), 0, null)
                    .getFirst();
            if (result.accepted()) {
                recorded.recorded(step, "none", Duration.ZERO, outcome, result);
                moved++;
            }
        }
        return moved + tasks.settleOrphans(limit);
    }
}
