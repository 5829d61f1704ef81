package dev.tasker.db.engine;

import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A 7-step mixed DAG and an 8-step tree: order from the recorded timestamps, siblings in parallel. */
class ParallelDagTest {

    private static final Map<String, List<String>> MIXED = Map.of(
            "init", List.of(),
            "process_left", List.of("init"),
            "process_right", List.of("init"),
            "validate", List.of("process_left", "process_right"),
            "transform", List.of("process_left"),
            "analyze", List.of("process_right"),
            "finalize", List.of("validate", "transform", "analyze"));

    private static final Map<String, List<String>> TREE = Map.of(
            "root", List.of(),
            "branch_left", List.of("root"),
            "branch_right", List.of("root"),
            "leaf_d", List.of("branch_left"),
            "leaf_e", List.of("branch_left"),
            "leaf_f", List.of("branch_right"),
            "leaf_g", List.of("branch_right"),
            "final_convergence", List.of("leaf_d", "leaf_e", "leaf_f", "leaf_g"));

    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine().handler("Sum", ctx -> {
            Thread.sleep(150);
            long sum = ctx.getInput("seed").asLong();
            for (var parent : ctx.dependencyResults().values()) {
                sum += parent.asLong();
            }
            return StepResult.success(sum);
        });
        engine.template(yaml("mixed_dag", MIXED)).template(yaml("tree", TREE));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String yaml(String name, Map<String, List<String>> dag) {
        StringBuilder y = new StringBuilder("name: " + name + "\nnamespace_name: dags\nversion: 1.0.0\nsteps:\n");
        dag.forEach((step, deps) -> y.append("  - { name: ").append(step).append(", handler: { callable: Sum }, dependencies: ")
                .append(deps).append(" }\n"));
        return y.toString();
    }

    @Test
    void theMixedDagRespectsEveryDependencyAndRunsSiblingsTogether() {
        TaskView task = engine.awaitEnd(engine.submit("dags", "mixed_dag", "{\"seed\": 1}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertDependenciesRespected(task, MIXED);
        assertOverlap(task, "process_left", "process_right");
        assertOverlap(task, "validate", "transform");
        assertOverlap(task, "transform", "analyze");
        // each step adds the seed to the sum of all its ancestors' results
        assertThat(task.step("init").orElseThrow().result().asLong()).isEqualTo(1);
        assertThat(task.step("process_left").orElseThrow().result().asLong()).isEqualTo(2);
        assertThat(task.step("validate").orElseThrow().result().asLong()).isEqualTo(1 + 1 + 2 + 2);
        assertThat(task.step("finalize").orElseThrow().result().asLong()).isEqualTo(1 + 1 + 2 + 2 + 6 + 4 + 4);
    }

    @Test
    void theTreeRunsItsLeavesInParallelAndConvergesOnce() {
        TaskView task = engine.awaitEnd(engine.submit("dags", "tree", "{\"seed\": 1}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertDependenciesRespected(task, TREE);
        assertOverlap(task, "branch_left", "branch_right");
        assertOverlap(task, "leaf_d", "leaf_g");
        assertOverlap(task, "leaf_e", "leaf_f");
        assertThat(task.steps()).allSatisfy(s -> assertThat(s.attempts()).isEqualTo(1));
        // leaves: 1 + root 1 + branch 2 = 4 each; convergence: 1 + root + 2 branches + 4 leaves
        assertThat(task.step("leaf_d").orElseThrow().result().asLong()).isEqualTo(4);
        assertThat(task.step("final_convergence").orElseThrow().result().asLong()).isEqualTo(1 + 1 + 2 + 2 + 4 * 4);
    }

    private static void assertDependenciesRespected(TaskView task, Map<String, List<String>> dag) {
        dag.forEach((step, parents) -> {
            StepView child = task.step(step).orElseThrow();
            for (String parent : parents) {
                assertThat(child.startedAt()).as(step + " started after " + parent + " completed")
                        .isAfterOrEqualTo(task.step(parent).orElseThrow().completedAt());
            }
        });
    }

    private static void assertOverlap(TaskView task, String a, String b) {
        StepView x = task.step(a).orElseThrow();
        StepView y = task.step(b).orElseThrow();
        assertThat(x.startedAt()).as(a + " and " + b + " ran at the same time").isBefore(y.completedAt());
        assertThat(y.startedAt()).as(a + " and " + b + " ran at the same time").isBefore(x.completedAt());
    }
}
