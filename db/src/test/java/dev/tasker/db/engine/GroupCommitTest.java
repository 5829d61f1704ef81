package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps of different tasks that finish at the same moment share transactions, and each is recorded as if alone. */
class GroupCommitTest {

    private static final int TASKS = 8;
    private static final CyclicBarrier TOGETHER = new CyclicBarrier(TASKS);
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Gate", ctx -> {
                    TOGETHER.await(10, TimeUnit.SECONDS);
                    long n = ctx.getInput("n").asLong();
                    return ctx.getInput("refuse_odd").asBoolean() && n % 2 == 1
                            ? StepResult.failure("refused " + n, "refusal", false)
                            : StepResult.success(n * 10);
                })
                .handler("AddOne", ctx -> StepResult.success(ctx.getDependencyResult("gate").asLong() + 1));
        engine.template("""
                name: gated_pair
                namespace_name: group_commit
                version: 1.0.0
                steps:
                  - { name: gate, handler: { callable: Gate } }
                  - { name: add_one, handler: { callable: AddOne }, dependencies: [gate] }
                """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void stepsThatFinishTogetherShareCommitsAndEachTaskGetsItsOwnResult() throws Exception {
        List<UUID> tasks = new ArrayList<>();
        for (int n = 1; n <= TASKS; n++) {
            tasks.add(engine.submit("group_commit", "gated_pair", "{\"n\": " + n + ", \"refuse_odd\": false}"));
        }

        List<UUID> gates = new ArrayList<>();
        for (int n = 1; n <= TASKS; n++) {
            TaskView task = engine.awaitEnd(tasks.get(n - 1));
            assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
            assertThat(task.step("add_one").orElseThrow().result().asLong()).isEqualTo(n * 10L + 1);
            for (var step : task.steps()) {
                assertThat(step.state()).isEqualTo(StepState.COMPLETE);
                assertThat(engine.queries().stepTransitions(step.stepUuid())).extracting(Transition::toState)
                        .containsExactly("pending", "in_progress", "complete");
            }
            gates.add(task.step("gate").orElseThrow().stepUuid());
        }
        assertThat(transactionsThatCompleted(gates)).as("transactions that completed the %d gates", TASKS)
                .isLessThan(TASKS);
    }

    @Test
    void aFailureWrittenWithCompletionsBlocksOnlyItsOwnTask() {
        List<UUID> tasks = new ArrayList<>();
        for (int n = 1; n <= TASKS; n++) {
            tasks.add(engine.submit("group_commit", "gated_pair", "{\"n\": " + n + ", \"refuse_odd\": true}"));
        }

        for (int n = 1; n <= TASKS; n++) {
            TaskView task = engine.awaitEnd(tasks.get(n - 1));
            var gate = task.step("gate").orElseThrow();
            var addOne = task.step("add_one").orElseThrow();
            if (n % 2 == 1) {
                assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
                assertThat(gate.state()).isEqualTo(StepState.ERROR);
                assertThat(gate.error().get("message").asText()).isEqualTo("refused " + n);
                assertThat(addOne.state()).isEqualTo(StepState.PENDING);
            } else {
                assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
                assertThat(addOne.result().asLong()).isEqualTo(n * 10L + 1);
            }
        }
    }

    /** How many transactions wrote the "complete" transitions of these steps (xmin: the inserting transaction). */
    private static long transactionsThatCompleted(List<UUID> steps) throws Exception {
        try (Connection c = engine.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT count(DISTINCT xmin::text) FROM workflow_step_transitions
                     WHERE step_uuid = ANY(?::uuid[]) AND to_state = 'complete'""")) {
            ps.setArray(1, c.createArrayOf("uuid", steps.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
