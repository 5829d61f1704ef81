package dev.tasker.db.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A batchable step cuts the rows into workers; the workers run with their cursors; an aggregate converges. */
class BatchWorkflowTest {

    private static final Map<Integer, AtomicInteger> PROCESSED = new ConcurrentHashMap<>();
    private static final List<Integer> FIRST_ITEM_OF_ATTEMPT = new CopyOnWriteArrayList<>();
    private static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = new TestEngine()
                .handler("Csv::Prepare", ctx -> {
                    int rows = ctx.getInput("rows").asInt();
                    if (rows == 0) {
                        return StepResult.success(Map.of("batch_processing_outcome", Map.of("type", "no_batches")));
                    }
                    List<Map<String, Object>> cursors = new ArrayList<>();
                    for (int start = 0, id = 1; start < rows; start += 200, id++) {
                        cursors.add(Map.of("batch_id", "%03d".formatted(id), "start_cursor", start,
                                "end_cursor", Math.min(start + 200, rows), "batch_size", 200));
                    }
                    return StepResult.success(Map.of("batch_processing_outcome", Map.of("type", "create_batches",
                            "worker_template_name", "process_batch", "worker_count", cursors.size(), "cursor_configs", cursors,
                            "total_items", rows)));
                })
                .handler("Csv::Process", ctx -> {
                    JsonNode inputs = ctx.stepInputs();
                    if (inputs.path("is_no_op").asBoolean()) {
                        return StepResult.success(Map.of("items_processed", 0, "no_op", true));
                    }
                    JsonNode cursor = inputs.get("cursor");
                    return StepResult.success(Map.of("items_processed", cursor.get("end_cursor").asInt() - cursor.get("start_cursor").asInt(),
                            "batch_id", cursor.get("batch_id").asText()));
                })
                .handler("Csv::Aggregate", ctx -> StepResult.success(Map.of(
                        "rows", ctx.batchResults("process_batch").stream().mapToInt(r -> r.path("items_processed").asInt()).sum(),
                        "workers", ctx.batchResults("process_batch").size())))
                .handler("Resume::Prepare", ctx -> StepResult.success(Map.of("batch_processing_outcome", Map.of("type", "create_batches",
                        "worker_template_name", "work", "worker_count", 1, "total_items", 100, "cursor_configs",
                        List.of(Map.of("batch_id", "001", "start_cursor", 0, "end_cursor", 100, "batch_size", 100))))))
                .handler("Resume::Work", ctx -> {
                    JsonNode cursor = ctx.stepInputs().get("cursor");
                    int from = ctx.checkpoint() == null ? cursor.get("start_cursor").asInt() : ctx.checkpoint().get("cursor").asInt();
                    FIRST_ITEM_OF_ATTEMPT.add(from);
                    for (int item = from; item < cursor.get("end_cursor").asInt(); item++) {
                        if (item == 50 && ctx.retryCount() == 0) {
                            throw new RetryableError("lost the connection at item 50");
                        }
                        PROCESSED.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
                        if ((item + 1) % 25 == 0) {
                            ctx.checkpointYield(Json.toTree(item + 1), item + 1 - cursor.get("start_cursor").asInt(), null);
                        }
                    }
                    return StepResult.success(Map.of("items_processed", 100));
                })
                .handler("Strict::Process", ctx -> {
                    JsonNode cursor = ctx.stepInputs().get("cursor");
                    if (cursor.get("batch_id").asText().equals("002")) {
                        throw new dev.tasker.core.api.PermanentError("row 250 is corrupt");
                    }
                    Thread.sleep(ctx.getInput("slow_ms").asLong());
                    return StepResult.success(Map.of("items_processed", cursor.get("end_cursor").asInt() - cursor.get("start_cursor").asInt()));
                })
                .template(strict("fail_fast"))
                .template(strict("continue_on_failure"))
                .template("""
                        name: csv_inventory
                        namespace_name: batches
                        version: 1.0.0
                        steps:
                          - { name: prepare, type: batchable, handler: { callable: Csv::Prepare } }
                          - { name: process_batch, type: batch_worker, handler: { callable: Csv::Process }, dependencies: [prepare] }
                          - { name: aggregate, type: deferred_convergence, handler: { callable: Csv::Aggregate }, dependencies: [process_batch] }
                        """)
                .template("""
                        name: resumable
                        namespace_name: batches
                        version: 1.0.0
                        steps:
                          - { name: prepare, type: batchable, handler: { callable: Resume::Prepare } }
                          - name: work
                            type: batch_worker
                            handler: { callable: Resume::Work }
                            dependencies: [prepare]
                            retry: { max_attempts: 3, backoff: none }
                        """);
    }

    private static String strict(String strategy) {
        return """
                name: strict_%s
                namespace_name: batches
                version: 1.0.0
                steps:
                  - { name: prepare, type: batchable, handler: { callable: Csv::Prepare }, batch_config: { failure_strategy: %s } }
                  - { name: process_batch, type: batch_worker, handler: { callable: Strict::Process }, dependencies: [prepare] }
                  - { name: aggregate, type: deferred_convergence, handler: { callable: Csv::Aggregate }, dependencies: [process_batch] }
                """.formatted(strategy, strategy);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aThousandRowsInBatchesOfTwoHundredMakeFiveWorkersAndTheAggregateCountsEveryRow() {
        TaskView task = engine.awaitEnd(engine.submit("batches", "csv_inventory", "{\"rows\": 1000}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.steps()).extracting(StepView::name).containsExactlyInAnyOrder("prepare", "process_batch_001",
                "process_batch_002", "process_batch_003", "process_batch_004", "process_batch_005", "aggregate");
        StepView third = task.step("process_batch_003").orElseThrow();
        assertThat(third.inputs().get("cursor").get("start_cursor").asInt()).isEqualTo(400);
        assertThat(third.inputs().get("cursor").get("end_cursor").asInt()).isEqualTo(600);
        assertThat(third.inputs().get("batch_metadata").get("total_items").asInt()).isEqualTo(1000);
        assertThat(third.inputs().get("is_no_op").asBoolean()).isFalse();
        JsonNode aggregate = task.step("aggregate").orElseThrow().result();
        assertThat(aggregate.get("rows").asInt()).isEqualTo(1000);
        assertThat(aggregate.get("workers").asInt()).isEqualTo(5);
    }

    @Test
    void anEmptyCsvTakesTheNoBatchesPathAndStillConverges() {
        TaskView task = engine.awaitEnd(engine.submit("batches", "csv_inventory", "{\"rows\": 0}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.steps()).extracting(StepView::name).containsExactlyInAnyOrder("prepare", "process_batch_001", "aggregate");
        assertThat(task.step("process_batch_001").orElseThrow().inputs().get("is_no_op").asBoolean()).isTrue();
        assertThat(task.step("aggregate").orElseThrow().result().get("rows").asInt()).isZero();
    }

    @Test
    void aRetryResumesFromTheLastCheckpointAndEveryItemIsProcessedOnce() {
        TaskView task = engine.awaitEnd(engine.submit("batches", "resumable", "{}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        StepView work = task.step("work_001").orElseThrow();
        assertThat(work.state()).isEqualTo(StepState.COMPLETE);
        assertThat(work.attempts()).isEqualTo(2);
        assertThat(FIRST_ITEM_OF_ATTEMPT).containsExactly(0, 50);
        assertThat(PROCESSED).hasSize(100);
        assertThat(PROCESSED.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void failFastCancelsTheOtherWorkersWhenOneFails() {
        TaskView task = engine.awaitEnd(engine.submit("batches", "strict_fail_fast", "{\"rows\": 1000, \"slow_ms\": 3000}"));

        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(task.step("process_batch_002").orElseThrow().state()).isEqualTo(StepState.ERROR);
        assertThat(task.step("process_batch_002").orElseThrow().error().get("message").asText()).isEqualTo("row 250 is corrupt");
        for (String other : List.of("process_batch_001", "process_batch_003", "process_batch_004", "process_batch_005")) {
            assertThat(task.step(other).orElseThrow().state()).as(other).isEqualTo(StepState.CANCELLED);
        }
        assertThat(task.step("aggregate").orElseThrow().state()).isEqualTo(StepState.PENDING);
    }

    @Test
    void continueOnFailureLetsTheOtherWorkersFinishAndTheAggregateRunOnThem() {
        java.util.UUID id = engine.submit("batches", "strict_continue_on_failure", "{\"rows\": 1000, \"slow_ms\": 10}");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                engine.task(id).step("aggregate").map(a -> a.state() == StepState.COMPLETE).orElse(false));
        TaskView task = engine.task(id);

        assertThat(task.step("process_batch_002").orElseThrow().state()).isEqualTo(StepState.ERROR);
        assertThat(task.step("process_batch_004").orElseThrow().state()).isEqualTo(StepState.COMPLETE);
        StepView aggregate = task.step("aggregate").orElseThrow();
        assertThat(aggregate.state()).isEqualTo(StepState.COMPLETE);
        assertThat(aggregate.result().get("rows").asInt()).isEqualTo(800);
        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
    }
}
