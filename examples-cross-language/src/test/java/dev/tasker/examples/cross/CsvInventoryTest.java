package dev.tasker.examples.cross;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV batch in each language, checked against totals Java computes from the same CSV. */
@ExamplesInEveryLanguage
class CsvInventoryTest {

    private static final Map<String, String> MODULES = Map.of(
            "examples_ruby", "../examples-ruby", "examples_python", "../examples-python", "examples_ts", "../examples-ts");

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void aThousandRowsGoToExactlyFiveWorkersOfTwoHundredAndAddUp(String namespace, TaskerTestClient tasker) throws IOException {
        Task task = tasker.run(namespace, "csv_inventory", Map.of());

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        List<Step> workers = task.steps().stream().filter(s -> s.name().startsWith("process_csv_batch_")).toList();
        assertThat(workers).extracting(Step::name).containsExactlyInAnyOrder(
                "process_csv_batch_001", "process_csv_batch_002", "process_csv_batch_003", "process_csv_batch_004",
                "process_csv_batch_005");
        assertThat(workers).allSatisfy(w -> assertThat(w.result().get("rows").asInt()).isEqualTo(200));
        List<String[]> rows = Files.readAllLines(Path.of(MODULES.get(namespace), "handlers/csv_inventory/data/inventory.csv"))
                .stream().skip(1).map(line -> line.split(",")).toList();
        var aggregate = task.step("aggregate_inventory").orElseThrow().result();
        assertThat(aggregate.get("batches").asInt()).isEqualTo(5);
        assertThat(aggregate.get("total_rows").asInt()).isEqualTo(1000);
        assertThat(aggregate.get("total_quantity").asLong()).isEqualTo(rows.stream().mapToLong(r -> Long.parseLong(r[3])).sum());
        assertThat(aggregate.get("inventory_value_cents").asLong())
                .isEqualTo(rows.stream().mapToLong(r -> Long.parseLong(r[3]) * Long.parseLong(r[4])).sum());
        assertThat(aggregate.get("low_stock_skus")).extracting(n -> n.asText()).containsExactlyElementsOf(
                rows.stream().filter(r -> Integer.parseInt(r[3]) < 10).map(r -> r[0]).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples_ruby", "examples_python", "examples_ts"})
    void anEmptyCsvTakesTheNoBatchesPathAndAggregatesNothing(String namespace, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "csv_inventory", Map.of("csv_file", "empty.csv"));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.step("analyze_csv").orElseThrow().result().at("/batch_processing_outcome/type").asText())
                .isEqualTo("no_batches");
        var aggregate = task.step("aggregate_inventory").orElseThrow().result();
        assertThat(aggregate.has("total_rows")).as("aggregate_inventory: %s", task.steps()).isTrue();
        assertThat(aggregate.get("total_rows").asInt()).isZero();
        assertThat(aggregate.get("batches").asInt()).isZero();
    }
}
