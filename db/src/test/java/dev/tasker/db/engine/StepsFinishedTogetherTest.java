package dev.tasker.db.engine;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.DependencyResults;
import dev.tasker.core.engine.FinishResult;
import dev.tasker.core.engine.OutcomeDecider;
import dev.tasker.core.engine.StepCompletion;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.store.PgTaskStore;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes written together in one transaction (the group commit), driven through the store by hand so that the
 * batch is known: each step, each child and each task ends as it would have if the outcomes had come one by one.
 */
class StepsFinishedTogetherTest {

    private static final String NAMESPACE = "together";
    private static final String WORKER = "hand";
    private static final OutcomeDecider DECIDER = new OutcomeDecider(Clock.systemUTC());
    private static TestEngine engine;
    private static PgTaskStore store;
    private static DependencyResults dependencies;

    @BeforeAll
    static void start() {
        engine = new TestEngine(settings -> settings.withNamespaces(Set.of("not_" + NAMESPACE)));
        store = engine.store();
        dependencies = DependencyResults.readingTemplatesFrom(store);
        engine.handler("Unused", ctx -> StepResult.failure("a worker of this test ran a step", "unexpected", false));
        engine.template("""
                name: diamond
                namespace_name: together
                version: 1.0.0
                steps:
                  - { name: start, handler: { callable: Unused } }
                  - { name: left, handler: { callable: Unused }, dependencies: [start] }
                  - { name: right, handler: { callable: Unused }, dependencies: [start] }
                  - { name: join, handler: { callable: Unused }, dependencies: [left, right] }
                """);
        engine.template("""
                name: pair
                namespace_name: together
                version: 1.0.0
                steps:
                  - { name: a, handler: { callable: Unused } }
                  - { name: b, handler: { callable: Unused } }
                """);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aJoinWhoseParentsFinishTogetherIsReleasedOnceAndClaimedOnceWithBothResults() {
        UUID task = submit("diamond");
        ClaimedStep start = only(claimOf(task));
        assertThat(finish(complete(start, 1, 0)).getFirst().releasedReady()).isEqualTo(2);
        List<ClaimedStep> branches = claimOf(task);
        assertThat(branches).extracting(ClaimedStep::name).containsExactlyInAnyOrder("left", "right");

        List<FinishResult> results = finish(branches.stream().map(b -> complete(b, b.name().equals("left") ? 2 : 3, 1)).toList());

        List<ClaimedStep> claimed = results.stream().flatMap(r -> r.claimedChildren().stream()).toList();
        ClaimedStep join = only(claimed);
        assertThat(join.name()).isEqualTo("join");
        assertThat(join.attempt()).isEqualTo(1);
        assertThat(join.dependencyResults()).containsOnlyKeys("start", "left", "right");
        assertThat(join.dependencyResults().get("left").asInt()).isEqualTo(2);
        assertThat(join.dependencyResults().get("right").asInt()).isEqualTo(3);
        assertThat(results).extracting(FinishResult::releasedReady).containsExactlyInAnyOrder(0, 1);
        assertThat(results).extracting(FinishResult::taskState).containsOnly(TaskState.STEPS_IN_PROCESS);
        TaskView view = engine.task(task);
        assertThat(view.step("join").orElseThrow().state()).isEqualTo(StepState.IN_PROGRESS);
        assertThat(engine.queries().stepTransitions(join.stepUuid())).extracting(Transition::toState)
                .containsExactly("pending", "in_progress");
        assertThat(claimOf(task)).as("nothing else is ready").isEmpty();

        FinishResult last = finish(complete(join, 6, 1)).getFirst();
        assertThat(last.taskState()).isEqualTo(TaskState.COMPLETE);
        assertThat(engine.task(task).state()).isEqualTo(TaskState.COMPLETE);
        assertThat(engine.task(task).step("join").orElseThrow().result().asInt()).isEqualTo(6);
    }

    @Test
    void theLastStepsOfATaskFinishedTogetherCompleteItOnce() {
        UUID task = submit("pair");
        List<ClaimedStep> both = claimOf(task);
        assertThat(both).hasSize(2);

        List<FinishResult> results = finish(both.stream().map(s -> complete(s, 7, 1)).toList());

        assertThat(results).extracting(FinishResult::accepted).containsOnly(true);
        assertThat(results).extracting(FinishResult::taskState)
                .as("only one of them reports the end, so the task is announced once")
                .containsExactlyInAnyOrder(TaskState.STEPS_IN_PROCESS, TaskState.COMPLETE);
        TaskView view = engine.task(task);
        assertThat(view.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(view.steps()).extracting(s -> s.state()).containsOnly(StepState.COMPLETE);
        assertThat(engine.queries().taskTransitions(task)).extracting(Transition::toState)
                .filteredOn("complete"::equals).hasSize(1);
    }

    @Test
    void aStepNoLongerHeldIsRefusedAndTheOthersInItsBatchAreWritten() {
        UUID cancelled = submit("pair");
        List<ClaimedStep> steps = new ArrayList<>(claimOf(cancelled));
        UUID kept = submit("pair");
        steps.addAll(claimOf(kept));
        store.cancel(cancelled, "cancelled by the test");

        List<FinishResult> results = finish(steps.stream().map(s -> complete(s, 1, 0)).toList());

        for (int i = 0; i < steps.size(); i++) {
            assertThat(results.get(i).accepted()).as(steps.get(i).name() + " of " + steps.get(i).taskUuid())
                    .isEqualTo(steps.get(i).taskUuid().equals(kept));
        }
        assertThat(engine.task(cancelled).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(engine.task(cancelled).steps()).extracting(s -> s.state()).containsOnly(StepState.CANCELLED);
        assertThat(engine.task(kept).state()).isEqualTo(TaskState.COMPLETE);
    }

    @Test
    void aFailureWrittenWithCompletionsBlocksOnlyItsOwnTask() {
        UUID failing = submit("pair");
        List<ClaimedStep> failingSteps = claimOf(failing);
        UUID passing = submit("pair");
        List<ClaimedStep> passingSteps = claimOf(passing);
        StepOutcome refused = DECIDER.failure(failingSteps.getFirst(),
                new StepResult.Failure("no stock", "out_of_stock", false, null, null, null));

        List<FinishResult> results = finish(complete(passingSteps.get(0), 1, 0),
                new StepCompletion(failingSteps.get(0), refused, 0), complete(passingSteps.get(1), 2, 0),
                complete(failingSteps.get(1), 3, 0));

        assertThat(results).extracting(FinishResult::accepted).containsOnly(true);
        assertThat(engine.task(passing).state()).isEqualTo(TaskState.COMPLETE);
        TaskView blocked = engine.task(failing);
        assertThat(blocked.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(blocked.step("a").orElseThrow().state()).isEqualTo(StepState.ERROR);
        assertThat(blocked.step("a").orElseThrow().error().get("message").asText()).isEqualTo("no stock");
        assertThat(blocked.step("b").orElseThrow().state()).isEqualTo(StepState.COMPLETE);
        assertThat(blocked.step("b").orElseThrow().result().asInt()).isEqualTo(3);
    }

    /** A task of its own: the context differs, so its identity does. */
    private static UUID submit(String template) {
        return engine.submit(NAMESPACE, template, "{\"case\": \"" + UUID.randomUUID() + "\"}");
    }

    private static List<ClaimedStep> claimOf(UUID task) {
        return store.claim(WORKER, Set.of(NAMESPACE), 10, 30).stream()
                .peek(s -> assertThat(s.taskUuid()).as("claimed step %s", s.name()).isEqualTo(task))
                .sorted(Comparator.comparing(ClaimedStep::name))
                .toList();
    }

    private static StepCompletion complete(ClaimedStep step, int result, int claimChildren) {
        return new StepCompletion(step, DECIDER.success(new StepResult.Success(IntNode.valueOf(result), null)), claimChildren);
    }

    private static List<FinishResult> finish(StepCompletion... completions) {
        return finish(List.of(completions));
    }

    private static List<FinishResult> finish(List<StepCompletion> completions) {
        return store.finishAll(WORKER, completions, 30, dependencies);
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
