package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.engine.WorkerSettings;
import dev.tasker.core.state.StepState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM that dies while its claimed step waits for a guest context: the lease expires with the attempt uncounted,
 * because the step never ran. A step that started (or was never recorded as waiting) counts its attempt as before.
 */
class NeverRanLeaseTest {

    private static final String DEAD = "dead-worker";
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        // this engine's own worker serves another namespace: the steps here are claimed by hand, as the dead JVM did
        engine = new TestEngine(s -> new WorkerSettings(s.workerId(), Set.of("elsewhere"), s.concurrency(), s.pollInterval(),
                s.leaseMarginSeconds(), s.reaperInterval()))
                .handler("Once", ctx -> StepResult.success(1));
        engine.template("""
                name: once
                namespace_name: never_ran
                version: 1.0.0
                steps:
                  - { name: only, handler: { callable: Once }, retry: { max_attempts: 1 } }
                """);
        engine.template("""
                name: watched
                namespace_name: never_ran
                version: 1.0.0
                steps:
                  - name: charge
                    handler: { callable: Once }
                    retry: { max_attempts: 1 }
                    publishes_events: [ { name: charge.failed, condition: failure, delivery_mode: durable } ]
                """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ClaimedStep claimByTheDeadWorker(UUID task) {
        List<ClaimedStep> claimed = engine.store().claim(DEAD, Set.of("never_ran"), 10, 1);
        return claimed.stream().filter(s -> s.taskUuid().equals(task)).findFirst().orElseThrow();
    }

    private static void leaseRunsOut(UUID step) throws SQLException {
        try (Connection c = engine.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE workflow_steps SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE step_uuid = ?")) {
            ps.setObject(1, step);
            ps.executeUpdate();
        }
    }

    @Test
    void aStepThatWaitedForAContextWhenItsWorkerDiedKeepsItsAttempt() throws SQLException {
        UUID task = engine.submit("never_ran", "once", "{\"n\": 1}");
        ClaimedStep step = claimByTheDeadWorker(task);
        engine.store().markWaiting(DEAD, List.of(step));
        leaseRunsOut(step.stepUuid());

        engine.worker().reapLeases();

        StepView only = engine.task(task).step("only").orElseThrow();
        assertThat(only.state()).isEqualTo(StepState.PENDING);
        assertThat(only.attempts()).isZero();
        assertThat(only.error()).isNull();
        List<Transition> transitions = engine.queries().stepTransitions(step.stepUuid());
        assertThat(transitions.getLast().reason()).isEqualTo("lease of worker dead-worker expired while the step waited for "
                + "a guest context; it never ran, so the attempt is not counted");

        ClaimedStep again = claimByTheDeadWorker(task);
        assertThat(again.attempt()).as("the next claim is its first attempt again").isEqualTo(1);
        leaseRunsOut(again.stepUuid());
        engine.worker().reapLeases();
        assertThat(engine.task(task).step("only").orElseThrow().state())
                .as("the record of the earlier wait does not carry over to this attempt").isEqualTo(StepState.ERROR);
    }

    @Test
    void aStepThatStartedBeforeItsWorkerDiedCountsItsAttempt() throws SQLException {
        UUID task = engine.submit("never_ran", "once", "{\"n\": 2}");
        ClaimedStep step = claimByTheDeadWorker(task);
        engine.store().markWaiting(DEAD, List.of(step));
        assertThat(engine.store().markStarting(DEAD, step)).isTrue();
        leaseRunsOut(step.stepUuid());

        engine.worker().reapLeases();

        StepView only = engine.task(task).step("only").orElseThrow();
        assertThat(only.state()).as("max_attempts 1: the timed-out attempt was its last").isEqualTo(StepState.ERROR);
        assertThat(only.attempts()).isEqualTo(1);
        assertThat(only.error().get("error_type").asText()).isEqualTo("Timeout");
        assertThat(engine.store().markStarting("another-worker", step)).as("only the lease holder clears it").isFalse();
    }

    @Test
    void aLeaseThatExpiresOnTheLastAttemptFailsTheStepAsAnyFailureDoesAndFiresItsFailureEvent() throws SQLException {
        UUID task = engine.submit("never_ran", "watched", "{\"n\": 3}");
        ClaimedStep step = claimByTheDeadWorker(task);
        leaseRunsOut(step.stepUuid());

        assertThat(engine.worker().reapLeases()).isEqualTo(1);

        StepView charge = engine.task(task).step("charge").orElseThrow();
        assertThat(charge.state()).isEqualTo(StepState.ERROR);
        assertThat(engine.queries().stepTransitions(step.stepUuid()).getLast().reason())
                .isEqualTo("lease of worker dead-worker expired; attempt 1 of 1 failed; no attempts left");
        List<String> events = new java.util.ArrayList<>();
        try (Connection c = engine.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT event_name, step_uuid FROM domain_event_outbox WHERE task_uuid = ?")) {
            ps.setObject(1, task);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + " of " + rs.getObject(2));
                }
            }
        }
        assertThat(events).containsExactly("charge.failed of " + step.stepUuid());
    }
}
