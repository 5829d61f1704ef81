package dev.tasker.host.workflows;

import dev.tasker.bridge.GuestHandlers;
import dev.tasker.bridge.PythonRuntime;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch in Python: batch_success cuts the items, workers checkpoint with checkpoint_yield, a retry resumes. */
class PythonBatchTest {

    private static Path dir;
    private static Engine graal;
    private static PythonRuntime python;
    private static TestEngine engine;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("python-batch");
        Files.writeString(dir.resolve("inventory.py"), """
                from tasker_core import BatchableHandler, StepHandler, RetryableError


                class Prepare(BatchableHandler):
                    def call(self, context):
                        return self.batch_success("count_rows", context.get_input("rows"), 40)


                class CountRows(BatchableHandler):
                    def call(self, context):
                        cursor = context.step_inputs["cursor"]
                        start = context.checkpoint["cursor"] if context.checkpoint else cursor["start_cursor"]
                        seen = list(context.checkpoint["accumulated_results"]["seen"]) if context.checkpoint else []
                        for item in range(start, cursor["end_cursor"]):
                            if item == 60 and context.retry_count == 0:
                                raise RetryableError("lost the file at row 60")
                            seen.append(item)
                            if (item + 1) % 10 == 0:
                                context.checkpoint_yield(item + 1, len(seen), {"seen": seen})
                        return self.batch_worker_success(len(seen), {"seen": seen, "resumed_at": start})


                class Total(StepHandler):
                    def call(self, context):
                        rows = [row for result in context.get_batch_results("count_rows") for row in result["seen"]]
                        return {"rows": len(rows), "distinct": len(set(rows)), "workers": len(context.get_batch_results("count_rows"))}
                """);
        graal = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        python = new PythonRuntime(graal, List.of(dir.resolve("inventory.py")), List.of(dir), 1);
        engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(), new GuestHandlers(python))
                .template("""
                        name: inventory
                        namespace_name: batches
                        version: 1.0.0
                        steps:
                          - { name: prepare, type: batchable, handler: { callable: Prepare } }
                          - name: count_rows
                            type: batch_worker
                            handler: { callable: CountRows }
                            dependencies: [prepare]
                            retry: { max_attempts: 2, backoff: none }
                          - { name: total, type: deferred_convergence, handler: { callable: Total }, dependencies: [count_rows] }
                        """);
    }

    @AfterAll
    static void stop() {
        engine.close();
        python.close();
        graal.close();
        TestDatabases.deleteRecursively(dir);
    }

    @Test
    void workersCheckpointAndTheRetryOfTheOneThatFailedResumesWhereItWas() {
        TaskView task = engine.awaitEnd(engine.submit("batches", "inventory", "{\"rows\": 100}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.steps()).extracting(StepView::name)
                .containsExactlyInAnyOrder("prepare", "count_rows_001", "count_rows_002", "count_rows_003", "total");
        StepView second = task.step("count_rows_002").orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.result().get("resumed_at").asInt()).isEqualTo(60);
        assertThat(task.step("count_rows_003").orElseThrow().inputs().get("cursor").get("end_cursor").asInt()).isEqualTo(100);
        assertThat(task.step("total").orElseThrow().result().get("rows").asInt()).isEqualTo(100);
        assertThat(task.step("total").orElseThrow().result().get("distinct").asInt()).isEqualTo(100);
        assertThat(task.step("total").orElseThrow().result().get("workers").asInt()).isEqualTo(3);
    }
}
