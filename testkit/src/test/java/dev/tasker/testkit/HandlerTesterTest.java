package dev.tasker.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerTesterTest {

    private static Path dir;
    private static HandlerTester tester;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("handler-tester");
        Files.writeString(dir.resolve("greeting.txt"), "hello from a file\n");
        Files.writeString(dir.resolve("pricing.mjs"), """
                import { StepHandler, PermanentError } from '@tasker-systems/tasker';
                import { readFileSync } from 'fs';

                export class Discount extends StepHandler {
                  call(ctx) {
                    const price = ctx.getDependencyResult('price');
                    if (price < 0) throw new PermanentError('price must not be negative, got ' + price, { errorCode: 'bad_price' });
                    return { discounted: price * (1 - ctx.getConfig('rate')), retry: ctx.retryCount };
                  }
                }
                export class OutOfStock extends StepHandler {
                  call(ctx) { return this.failure('SKU ' + ctx.getInput('sku') + ' is out of stock', 'OutOfStock', false); }
                }
                export class Broken extends StepHandler {
                  call(ctx) { return ctx.getInput('missing').length; }
                }
                export class ReadsBeside extends StepHandler {
                  call() { return readFileSync(import.meta.url.replace(/[^/]*$/, 'greeting.txt')).trim(); }
                }
                export class Spins extends StepHandler {
                  call() { for (;;) {} }
                }
                export class ReadsOutside extends StepHandler {
                  call() { return readFileSync('/etc/hostname'); }
                }
                """);
        tester = HandlerTester.load(dir.resolve("pricing.mjs"));
    }

    @AfterAll
    static void close() {
        tester.close();
    }

    @Test
    void aJavaScriptHandlerGetsItsDependencyConfigAndRetryCount() {
        HandlerOutcome outcome = tester.step("Discount").dependency("price", 200).config("rate", 0.25).retryCount(1).call();

        assertThat(outcome.result().get("discounted").asDouble()).isEqualTo(150.0);
        assertThat(outcome.result().get("retry").asInt()).isEqualTo(1);
    }

    @Test
    void aPermanentErrorComesBackWithItsClassMessageAndCode() {
        HandlerOutcome.Failure failure = tester.step("Discount").dependency("price", -1).config("rate", 0.1).call().failure();

        assertThat(failure.errorType()).isEqualTo("PermanentError");
        assertThat(failure.message()).isEqualTo("price must not be negative, got -1");
        assertThat(failure.errorCode()).isEqualTo("bad_price");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.backtrace().getFirst()).contains("pricing.mjs:7");
    }

    @Test
    void aHandlerThatRunsPastItsTimeoutIsStoppedAndTheNextCallStillRuns() {
        HandlerOutcome spun = tester.step("Spins").timeoutSeconds(1).call();
        assertThat(spun.failure().errorType()).isEqualTo("Timeout");
        assertThat(spun.failure().message()).isEqualTo("step 'step' ran past its timeout of 1 s and was interrupted");
        assertThat(spun.failure().retryable()).isTrue();
        assertThat(tester.step("OutOfStock").input("sku", "A-1").call().failure().errorType()).isEqualTo("OutOfStock");
    }

    @Test
    void aReturnedFailureKeepsItsErrorType() {
        HandlerOutcome.Failure failure = tester.step("OutOfStock").input("{\"sku\": \"SKU-1\"}").call().failure();

        assertThat(failure.errorType()).isEqualTo("OutOfStock");
        assertThat(failure.message()).isEqualTo("SKU SKU-1 is out of stock");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void anUnexpectedErrorIsRetryableWithTheLanguagesOwnClass() {
        HandlerOutcome.Failure failure = tester.step("Broken").call().failure();

        assertThat(failure.errorType()).isEqualTo("TypeError");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aHandlerReadsAFileBesideItButNothingOutsideItsFolder() {
        assertThat(tester.step("ReadsBeside").call().result().asText()).isEqualTo("hello from a file");
        assertThat(tester.step("ReadsOutside").call().failure().message())
                .isEqualTo("EACCES: '/etc/hostname' is outside the handler directories, which are all a handler may read");
    }

    @Test
    void theResultOfAFailedCallIsAnAssertionErrorThatSaysWhy() {
        HandlerOutcome outcome = tester.step("OutOfStock").input("sku", "SKU-2").call();

        assertThatThrownBy(outcome::result).isInstanceOf(AssertionError.class)
                .hasMessage("the handler failed instead of succeeding: OutOfStock: SKU SKU-2 is out of stock");
    }

    @Test
    void anUnknownCallableIsRefusedByName() {
        assertThatThrownBy(() -> tester.step("Nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no handler is loaded as 'Nope'");
    }

    @Test
    void aBrokenHandlerFileIsRefusedWithItsFileAndLine(@TempDir Path broken) throws IOException {
        Files.writeString(broken.resolve("bad.py"), """
                from tasker_core import StepHandler


                class Bad(StepHandler):
                    def call(self, context)
                        return 1
                """);

        assertThatThrownBy(() -> HandlerTester.load(broken.resolve("bad.py"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.py:5");
    }
}
