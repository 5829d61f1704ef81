package dev.tasker.core.dlq;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tasker's dead-letter queue: an investigation record for each task that needs a person (a step failed for good,
 * or the task made no progress past its state's threshold). It never changes a task; operators repair steps and
 * record what they found here.
 */
public interface DeadLetterQueue {

    /** Enters the tasks that need a person and have no pending entry; answers how many were entered. */
    int sweep(StalenessThresholds thresholds);

    /** Newest first; {@code resolutionStatus} null for all. */
    List<DlqEntry> list(String resolutionStatus, int limit, int offset);

    /** The task's newest entry. */
    Optional<DlqEntry> latestFor(UUID taskUuid);

    /** Empty when no entry has that id. */
    Optional<DlqEntry> update(UUID dlqEntryUuid, DlqUpdate update);

    /** One row per reason that has entries. */
    List<DlqStats> stats();

    /** Pending entries, most urgent first. */
    List<DlqInvestigationItem> investigationQueue(int limit);

    /** Active tasks, stale first, then warning, then healthy. */
    List<StalenessItem> staleness(StalenessThresholds thresholds, int limit);
}
