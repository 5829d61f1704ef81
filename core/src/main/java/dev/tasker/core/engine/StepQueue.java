package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The step queue: claims, leases, checkpoints and outcomes of the attempts workers run. */
public interface StepQueue {

    /** Takes up to {@code limit} ready steps of the given namespaces (empty: all) for this worker. */
    default List<ClaimedStep> claim(String workerId, Set<String> namespaces, int limit, int leaseMarginSeconds) {
        return claim(workerId, namespaces, limit, leaseMarginSeconds, ClaimFilter.ANY);
    }

    /** Takes up to {@code limit} ready steps of the given namespaces (empty: all) that {@code filter} admits. */
    List<ClaimedStep> claim(String workerId, Set<String> namespaces, int limit, int leaseMarginSeconds, ClaimFilter filter);

    /**
     * Puts this worker's claimed steps back in the queue as they were before the claim, the attempt not counted (the
     * worker cannot run them: no handler here); answers how many.
     */
    int handBack(String workerId, Collection<UUID> stepUuids, String reason);

    /**
     * The steps' outcomes, their transitions, their released children and the tasks' roll-ups, in one transaction;
     * up to {@link StepCompletion#claimChildren} children of each that became ready are claimed for this worker in
     * the same transaction. Answers a result per completion, in the given order.
     */
    List<FinishResult> finishAll(String workerId, List<StepCompletion> completions, int leaseMarginSeconds,
                                 DependencyResults dependencies);

    /** The results of the named completed (or manually resolved) steps of each task. */
    Map<UUID, Map<String, JsonNode>> results(Map<UUID, Set<String>> stepNamesByTask);

    /** Up to {@code limit} attempts in progress whose lease expired (their worker died), for the engine to end. */
    List<ExpiredLease> expiredLeases(int limit);

    /** Extends the attempt's lease to {@code seconds} from now (its handler is being stopped); false when it is not this worker's. */
    boolean extendLease(String workerId, ClaimedStep step, int seconds);

    /**
     * Records that these attempts wait for a guest context: if this worker dies before they start, their leases expire
     * with the attempts uncounted.
     */
    void markWaiting(String workerId, Collection<ClaimedStep> steps);

    /** Clears {@link #markWaiting}'s record before the handler starts; false when the step is no longer this worker's. */
    boolean markStarting(String workerId, ClaimedStep step);

    /** Gives back this worker's leases so another worker may take the steps at once (graceful shutdown). */
    int releaseLeases(String workerId, Collection<UUID> stepUuids);

    /**
     * Saves a step's progress with the attempt that holds the lease, and renews the lease for another timeout (the
     * attempt is alive); false when the lease is no longer that attempt's.
     */
    boolean saveCheckpoint(String workerId, ClaimedStep step, JsonNode checkpoint, int leaseMarginSeconds);
}
