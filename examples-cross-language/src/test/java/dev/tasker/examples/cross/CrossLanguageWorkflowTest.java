package dev.tasker.examples.cross;

import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One task whose steps run in Ruby, Python, TypeScript and Ruby again, from the three example modules. */
@ExamplesInEveryLanguage
class CrossLanguageWorkflowTest {

    @Test
    void rubyPythonTypeScriptAndRubyTurnSixIntoSixtyNine(TaskerTestClient tasker) {
        Task task = tasker.run("examples_cross", "cross_language_workflow", Map.of("even_number", 6));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.step("square").orElseThrow().result().asInt()).isEqualTo(36);
        assertThat(task.step("add_ten").orElseThrow().result().asInt()).isEqualTo(46);
        assertThat(task.step("times_three").orElseThrow().result().asInt()).isEqualTo(138);
        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(69.0);
    }

    @Test
    void fourBecomesThirtyNineAcrossTheSameLanguages(TaskerTestClient tasker) {
        Task task = tasker.run("examples_cross", "cross_language_workflow", Map.of("even_number", 4));

        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(39.0);
    }

    @Test
    void everyExampleTemplateOfEveryLanguageIsServedTogetherWithoutAmbiguity(TaskerTestClient tasker) {
        var names = tasker.api().templates().get("templates").findValuesAsText("namespace");

        assertThat(names).filteredOn("examples_ruby"::equals).hasSize(8);
        assertThat(names).filteredOn("examples_python"::equals).hasSize(8);
        assertThat(names).filteredOn("examples_ts"::equals).hasSize(8);
        assertThat(names).filteredOn("examples_cross"::equals).hasSize(1);
    }
}
