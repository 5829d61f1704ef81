package dev.tasker.examples.ruby;

import dev.tasker.testkit.HandlerOutcome;
import dev.tasker.testkit.HandlerTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Ruby handlers one at a time, with HandlerTester: no database, no server. */
class RubyHandlersTest {

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
        HandlerOutcome outcome = tester.step("LinearWorkflow::StepHandlers::SquareHandler").input("even_number", 6).call();

        assertThat(outcome.result().asInt()).isEqualTo(36);
        assertThat(outcome.metadata().get("operation").asText()).isEqualTo("square");
    }

    @Test
    void squareRefusesAnOddNumberWithAPermanentError() {
        HandlerOutcome outcome = tester.step("LinearWorkflow::StepHandlers::SquareHandler").input("even_number", 5).call();

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.failure().errorType()).isEqualTo("PermanentError");
        assertThat(outcome.failure().message()).isEqualTo("even_number must be an even integer, got 5");
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().language()).isEqualTo("ruby");
        assertThat(outcome.failure().backtrace().getFirst()).contains("linear_workflow/step_handlers.rb:10");
    }

    @Test
    void aDecisionRoutesFiveThousandToTheManagerAndFinance() {
        HandlerOutcome outcome = tester.step("ApprovalRouting::StepHandlers::RoutingDecisionHandler")
                .dependency("validate_request", Map.of("amount", 5000)).call();

        assertThat(outcome.result().at("/decision_point_outcome/step_names")).extracting(n -> n.asText())
                .containsExactly("manager_approval", "finance_review");
    }
}
