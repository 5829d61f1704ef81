package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.Transition;
import dev.tasker.core.engine.WorkerSettings;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new task's first steps are taken by the creating JVM's worker in the creation's transaction, while it has permits. */
class ClaimAtCreationTest {

    private TestEngine engine;

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void theFirstStepIsInProgressWhenTheTaskIsCreatedAndTheChainRunsToItsResult() {
        engine = new TestEngine()
                .handler("Double", ctx -> StepResult.success(ctx.getInput("n").asInt() * 2))
                .handler("AddOne", ctx -> StepResult.success(ctx.getDependencyResult("double").asInt() + 1));
        engine.template("""
                name: chain
                namespace_name: at_creation
                version: 1.0.0
                steps:
                  - { name: double, handler: { callable: Double } }
                  - { name: add_one, handler: { callable: AddOne }, dependencies: [double] }
                """);

        TaskView task = engine.awaitEnd(engine.submit("at_creation", "chain", "{\"n\": 20}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("add_one").orElseThrow().result().asInt()).isEqualTo(41);
        List<Transition> first = engine.queries().stepTransitions(task.step("double").orElseThrow().stepUuid());
        assertThat(first).extracting(Transition::toState).containsExactly("pending", "in_progress", "complete");
        assertThat(first.get(1).reason()).isEqualTo("claimed at creation");
        assertThat(first.get(1).worker()).isEqualTo(engine.worker().settings().workerId());
        assertThat(first.get(1).attempt()).isEqualTo(1);
        assertThat(task.step("double").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void readyStepsBeyondTheFreePermitsWaitInTheQueueAndAllRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        engine = new TestEngine(settings -> new WorkerSettings(settings.workerId(), settings.namespaces(), 1,
                settings.pollInterval(), settings.leaseMarginSeconds(), settings.reaperInterval()))
                .handler("Hold", ctx -> {
                    release.await(10, TimeUnit.SECONDS);
                    return StepResult.success(ctx.getInput("n").asInt());
                });
        engine.template("""
                name: three_roots
                namespace_name: at_creation
                version: 1.0.0
                steps:
                  - { name: a, handler: { callable: Hold } }
                  - { name: b, handler: { callable: Hold } }
                  - { name: c, handler: { callable: Hold } }
                """);

        UUID id = engine.submit("at_creation", "three_roots", "{\"n\": 5}");
        // one step holds the only permit (taken at creation, or by the claim loop when its poll held the permit just
        // then); the others wait in the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.task(id).steps().stream()
                .filter(s -> s.state() == StepState.IN_PROGRESS).count() == 1);
        assertThat(engine.task(id).steps()).extracting(s -> s.state())
                .containsExactlyInAnyOrder(StepState.IN_PROGRESS, StepState.PENDING, StepState.PENDING);
        release.countDown();
        TaskView task = engine.awaitEnd(id);

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.steps()).extracting(s -> s.result().asInt()).containsOnly(5);
        assertThat(List.of("a", "b", "c")).extracting(name -> engine.queries()
                        .stepTransitions(task.step(name).orElseThrow().stepUuid()).get(1).reason())
                .filteredOn("claimed at creation"::equals).hasSizeLessThanOrEqualTo(1);
    }
}
