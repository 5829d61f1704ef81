package dev.tasker.examples.ts;

import dev.tasker.testkit.HandlerOutcome;
import dev.tasker.testkit.HandlerTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The TypeScript handlers one at a time, with HandlerTester: no database, no server. */
class TypeScriptHandlersTest {

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
        HandlerOutcome outcome = tester.step("ts:LinearSquareHandler").input("even_number", 6).call();

        assertThat(outcome.result().asInt()).isEqualTo(36);
        assertThat(outcome.metadata().get("operation").asText()).isEqualTo("square");
    }

    @Test
    void squareRefusesAnOddNumberWithAPermanentError() {
        HandlerOutcome outcome = tester.step("ts:LinearSquareHandler").input("even_number", 5).call();

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.failure().errorType()).isEqualTo("PermanentError");
        assertThat(outcome.failure().message()).isEqualTo("even_number must be an even integer, got 5");
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().language()).as("TypeScript runs on the JavaScript engine").isEqualTo("javascript");
        assertThat(outcome.failure().backtrace().getFirst()).contains("linear_workflow/handlers.ts:8");
    }

    @Test
    void averageReadsBothBranchesOfTheDiamond() {
        HandlerOutcome outcome = tester.step("ts:DiamondAverageHandler")
                .dependency("add_twenty_five", 61).dependency("double", 72).call();

        assertThat(outcome.result().asDouble()).isEqualTo(66.5);
    }

    @Test
    void theFlakyCallFailsRetryablyUntilItsThirdAttempt() {
        HandlerOutcome first = tester.step("ts:FlakyCallHandler").config("fail_times", 2).call();
        HandlerOutcome third = tester.step("ts:FlakyCallHandler").config("fail_times", 2)
                .retryCount(2).call();

        assertThat(first.failure().errorType()).isEqualTo("RetryableError");
        assertThat(first.failure().retryable()).isTrue();
        assertThat(first.failure().message()).isEqualTo("service unavailable (attempt 1 of 3)");
        assertThat(third.result().get("succeeded_on_attempt").asInt()).isEqualTo(3);
    }}
