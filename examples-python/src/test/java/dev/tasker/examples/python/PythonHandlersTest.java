package dev.tasker.examples.python;

import dev.tasker.testkit.HandlerOutcome;
import dev.tasker.testkit.HandlerTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Python handlers one at a time, with HandlerTester: no database, no server. */
class PythonHandlersTest {

    private static HandlerTester tester;

    @BeforeAll
    static void load() {
        tester = HandlerTester.load(Path.of("handlers"));
    }

    @AfterAll
    static void close() {
        tester.close();
    }

    @Test
    void squareSquaresTheEvenNumberAndSaysSoInItsMetadata() {
        HandlerOutcome outcome = tester.step("linear_workflow.step_handlers.SquareHandler").input("even_number", 6).call();

        assertThat(outcome.result().asInt()).isEqualTo(36);
        assertThat(outcome.metadata().get("operation").asText()).isEqualTo("square");
    }

    @Test
    void squareRefusesAnOddNumberWithAPermanentError() {
        HandlerOutcome outcome = tester.step("linear_workflow.step_handlers.SquareHandler").input("even_number", 5).call();

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.failure().errorType()).isEqualTo("PermanentError");
        assertThat(outcome.failure().message()).isEqualTo("even_number must be an even integer, got 5");
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().language()).isEqualTo("python");
        assertThat(outcome.failure().backtrace().getFirst()).contains("linear_workflow/step_handlers.py:9");
    }

    @Test
    void aBatchWorkerResumesFromItsCheckpointAndSavesTheNextOne() {
        Map<String, Object> cursor = Map.of("batch_id", "002", "start_cursor", 200, "end_cursor", 400, "batch_size", 200);
        HandlerOutcome outcome = tester.step("csv_inventory.step_handlers.ProcessCsvBatchHandler")
                .stepInputs(Map.of("cursor", cursor, "is_no_op", false))
                .checkpoint(Map.of("cursor", 300, "items_processed", 100, "accumulated_results",
                        Map.of("rows", 100, "total_quantity", 0, "inventory_value_cents", 0, "low_stock_skus", List.of())))
                .call();

        assertThat(outcome.result().get("rows").asInt()).isEqualTo(200);
        assertThat(outcome.checkpoints()).hasSize(1);
        assertThat(outcome.checkpoints().getFirst().get("cursor").asInt()).isEqualTo(400);
        assertThat(outcome.checkpoints().getFirst().get("items_processed").asInt()).isEqualTo(200);
    }}
