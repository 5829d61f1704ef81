package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.template.TaskTemplate;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import java.util.Set;
import java.util.UUID;

/** The engine's persistence port; db implements it on PostgreSQL. */
public interface TaskStore {

    /** Registers a template; an unchanged definition keeps its row, a changed one becomes the current row. */
    TemplateRecord registerTemplate(TaskTemplate template);

    /** The current row of every template, ordered by namespace, name and version. */
    java.util.List<TemplateRecord> currentTemplates();

    /** The current row of a template; {@code version} null means the latest registered. */
    Optional<TemplateRecord> findTemplate(String namespace, String name, String version);

    Optional<TemplateRecord> templateByUuid(UUID templateUuid);

    /**
     * Writes task, steps, edges and first transitions in one transaction, the first ready steps claimed as
     * {@code claim} says, and answers the task as created with the steps claimed; throws {@link DuplicateTaskException}.
     */
    CreatedTask createTask(NewTask task, RootClaim claim);

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
    java.util.Map<UUID, java.util.Map<String, JsonNode>> results(java.util.Map<UUID, java.util.Set<String>> stepNamesByTask);

    /** Ends the attempts whose lease expired (their worker died) as retryable timeouts; answers how many. */
    int expireLeases(int limit);

    /** Extends the attempt's lease to {@code seconds} from now (its handler is being stopped); false when it is not this worker's. */
    boolean extendLease(String workerId, ClaimedStep step, int seconds);

    /**
     * Records that these attempts wait for a guest context: if this worker dies before they start, their leases expire
     * with the attempts uncounted.
     */
    void markWaiting(String workerId, java.util.Collection<ClaimedStep> steps);

    /** Clears {@link #markWaiting}'s record before the handler starts; false when the step is no longer this worker's. */
    boolean markStarting(String workerId, ClaimedStep step);

    /** Gives back this worker's leases so another worker may take the steps at once (graceful shutdown). */
    int releaseLeases(String workerId, Collection<UUID> stepUuids);

    /** Cancels a non-terminal task and its non-terminal steps; throws {@link TaskOperationException} otherwise. */
    void cancel(UUID taskUuid, String reason);

    void resetForRetry(UUID taskUuid, UUID stepUuid, String reason);

    void resolveManually(UUID taskUuid, UUID stepUuid, String reason);

    void completeManually(UUID taskUuid, UUID stepUuid, JsonNode result, String reason);

    /**
     * Saves a step's progress with the attempt that holds the lease, and renews the lease for another timeout (the
     * attempt is alive); false when the lease is no longer that attempt's.
     */
    boolean saveCheckpoint(String workerId, ClaimedStep step, JsonNode checkpoint, int leaseMarginSeconds);

    /**
     * If the task is a sub-workflow that has ended (complete, blocked or cancelled), completes or fails the
     * step that waits for it and moves the parent task on.
     */
    void settleParent(UUID childTaskUuid);

    /** Settles the parents of sub-workflows that ended without doing so (a JVM died in between); answers how many. */
    int settleOrphans(int limit);
}
