package dev.tasker.db.engine;

import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.dlq.DlqEntry;
import dev.tasker.core.dlq.DlqResolutionStatus;
import dev.tasker.core.dlq.DlqUpdate;
import dev.tasker.core.dlq.StalenessItem;
import dev.tasker.core.dlq.StalenessThresholds;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.store.PgDeadLetters;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dead-letter queue on PostgreSQL: what enters it, the investigation's life, the queue's order, staleness. */
class DeadLetterQueueTest {

    private static TestEngine engine;
    private static PgDeadLetters dlq;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Charge", ctx -> {
                    throw new PermanentError("card declined", "card_declined");
                })
                .handler("Later", ctx -> {
                    throw new RetryableError("upstream 503");
                })
                .handler("Ok", ctx -> StepResult.success("fine"));
        engine.template("""
                name: pay
                namespace_name: dlq
                version: 1.0.0
                steps:
                  - { name: charge, handler: { callable: Charge } }
                """);
        engine.template("""
                name: retry_slowly
                namespace_name: dlq
                version: 1.0.0
                lifecycle:
                  max_waiting_for_retry_minutes: 45
                steps:
                  - { name: call, handler: { callable: Later }, retry: { max_attempts: 5, backoff: linear, backoff_base_ms: 3600000, max_backoff_ms: 3600000 } }
                """);
        engine.template("""
                name: fine
                namespace_name: dlq
                version: 1.0.0
                steps:
                  - { name: ok, handler: { callable: Ok } }
                """);
        dlq = new PgDeadLetters(engine.database().dataSource());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Moves a task's last progress {@code minutes} into the past, as if it had waited that long. */
    private static void ageBy(UUID task, int minutes) throws SQLException {
        try (Connection c = engine.database().dataSource().getConnection();
             PreparedStatement tasks = c.prepareStatement(
                     "UPDATE tasks SET updated_at = updated_at - make_interval(mins => ?), created_at = created_at - make_interval(mins => ?) WHERE task_uuid = ?");
             PreparedStatement steps = c.prepareStatement(
                     "UPDATE workflow_steps SET updated_at = updated_at - make_interval(mins => ?) WHERE task_uuid = ?")) {
            tasks.setInt(1, minutes);
            tasks.setInt(2, minutes);
            tasks.setObject(3, task);
            tasks.executeUpdate();
            steps.setInt(1, minutes);
            steps.setObject(2, task);
            steps.executeUpdate();
        }
    }

    @Test
    void aStepThatFailedForGoodEntersItsTaskOnceWithASnapshotAndTheInvestigationIsRecorded() {
        UUID task = engine.submit("dlq", "pay", "{\"amount\": 12}");
        assertThat(engine.awaitEnd(task).state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);

        dlq.sweep(StalenessThresholds.DEFAULT);
        dlq.sweep(StalenessThresholds.DEFAULT);

        DlqEntry entry = dlq.latestFor(task).orElseThrow();
        assertThat(entry.dlqReason()).isEqualTo("MaxRetriesExceeded");
        assertThat(entry.originalState()).isEqualTo("blocked_by_failures");
        assertThat(entry.resolutionStatus()).isEqualTo("Pending");
        assertThat(entry.taskSnapshot().get("context").get("amount").asInt()).isEqualTo(12);
        assertThat(entry.taskSnapshot().get("steps").get(0).get("error").get("message").asText()).isEqualTo("card declined");
        assertThat(dlq.list(null, 100, 0)).filteredOn(e -> e.taskUuid().equals(task)).hasSize(1);

        DlqEntry updated = dlq.update(entry.dlqEntryUuid(), new DlqUpdate(DlqResolutionStatus.MANUALLY_RESOLVED,
                "refunded by hand", "ops@example.com", TestEngine.json("{\"ticket\": \"OPS-9\"}"))).orElseThrow();
        assertThat(updated.resolutionStatus()).isEqualTo("ManuallyResolved");
        assertThat(updated.resolutionTimestamp()).isNotNull();
        assertThat(updated.resolvedBy()).isEqualTo("ops@example.com");
        assertThat(updated.metadata().get("ticket").asText()).isEqualTo("OPS-9");
        assertThat(updated.metadata().get("failed_steps").asInt()).as("what the sweep recorded is kept").isEqualTo(1);

        dlq.sweep(StalenessThresholds.DEFAULT);
        assertThat(dlq.list(null, 100, 0)).as("a resolved investigation is not opened again while the task stays as it was")
                .filteredOn(e -> e.taskUuid().equals(task)).hasSize(1);
        assertThat(dlq.stats()).filteredOn(s -> s.dlqReason().equals("MaxRetriesExceeded")).singleElement()
                .satisfies(s -> {
                    assertThat(s.manuallyResolved()).isGreaterThanOrEqualTo(1);
                    assertThat(s.avgResolutionTimeMinutes()).isNotNull();
                });
        assertThat(dlq.update(UUID.randomUUID(), new DlqUpdate(null, "x", null, null))).isEmpty();
    }

    @Test
    void aTaskWithoutProgressPastItsThresholdIsWarnedThenEnteredAsStale() throws SQLException {
        UUID task = engine.submit("dlq", "retry_slowly", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.task(task).state() == TaskState.WAITING_FOR_RETRY);

        ageBy(task, 38);
        StalenessItem warned = dlq.staleness(StalenessThresholds.DEFAULT, 1000).stream()
                .filter(s -> s.taskUuid().equals(task)).findFirst().orElseThrow();
        assertThat(warned.stalenessThresholdMinutes()).as("the template's lifecycle override").isEqualTo(45);
        assertThat(warned.timeInStateMinutes()).isEqualTo(38);
        assertThat(warned.healthStatus()).isEqualTo("warning");
        dlq.sweep(StalenessThresholds.DEFAULT);
        assertThat(dlq.latestFor(task)).isEmpty();

        ageBy(task, 10);
        assertThat(dlq.staleness(StalenessThresholds.DEFAULT, 1000).getFirst().healthStatus()).isEqualTo("stale");
        dlq.sweep(StalenessThresholds.DEFAULT);
        DlqEntry stale = dlq.latestFor(task).orElseThrow();
        assertThat(stale.dlqReason()).isEqualTo("StalenessTimeout");
        assertThat(stale.originalState()).isEqualTo("waiting_for_retry");
        assertThat(stale.metadata().get("threshold_minutes").asInt()).isEqualTo(45);
        assertThat(engine.task(task).state()).as("the queue never changes a task").isEqualTo(TaskState.WAITING_FOR_RETRY);

        assertThat(dlq.investigationQueue(100)).extracting(i -> i.taskUuid()).contains(task);
        var item = dlq.investigationQueue(100).stream().filter(i -> i.taskUuid().equals(task)).findFirst().orElseThrow();
        assertThat(item.namespaceName()).isEqualTo("dlq");
        assertThat(item.currentState()).isEqualTo("waiting_for_retry");
        assertThat(item.timeInStateMinutes()).isEqualTo(48);
        assertThat(item.priorityScore()).isBetween(100.0, 101.0);
    }

    @Test
    void theInvestigationQueueRanksFailuresAboveStalenessAndACompletedTaskIsNeverEntered() throws SQLException {
        UUID failed = engine.submit("dlq", "pay", "{\"amount\": 99}");
        UUID fine = engine.submit("dlq", "fine", "{}");
        engine.awaitEnd(failed);
        assertThat(engine.awaitEnd(fine).state()).isEqualTo(TaskState.COMPLETE);
        ageBy(fine, 600);

        dlq.sweep(StalenessThresholds.DEFAULT);

        assertThat(dlq.latestFor(fine)).isEmpty();
        var queue = dlq.investigationQueue(100);
        int failedAt = queue.stream().map(i -> i.taskUuid()).toList().indexOf(failed);
        assertThat(failedAt).isGreaterThanOrEqualTo(0);
        assertThat(queue.subList(0, failedAt)).allSatisfy(i -> assertThat(i.dlqReason()).isEqualTo("MaxRetriesExceeded"));
        assertThat(dlq.list("pending", 100, 0)).extracting(DlqEntry::taskUuid).contains(failed);
        assertThat(dlq.list("manually_resolved", 100, 0)).extracting(DlqEntry::taskUuid).doesNotContain(failed);
    }
}
