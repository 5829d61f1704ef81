package dev.tasker.bridge;

import dev.tasker.core.spi.TimedCall;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.HandlerError;
import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TypeScriptHandlersTest {

    private static Path dir;
    private static Path cache;
    private static Engine engine;
    private static TypeScriptCompiler compiler;
    private static JsRuntime ts;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("ts-handlers");
        cache = Files.createTempDirectory("ts-cache");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/pricing.ts"), """
                export interface Line { sku: string; quantity: number; unitCents: number }
                export enum Currency { EUR = 'EUR', USD = 'USD' }
                export function totalCents(lines: Line[]): number {
                  return lines.reduce((sum: number, l: Line) => sum + l.quantity * l.unitCents, 0);
                }
                """);
        Files.writeString(dir.resolve("lib/tax.ts"), "export const rate: number = 0.25;\n");
        Files.writeString(dir.resolve("order.ts"), """
                import { StepHandler } from '@tasker-systems/tasker';
                import type { StepContext } from '@tasker-systems/tasker';
                import { totalCents, Currency, type Line } from './lib/pricing.js';
                import { rate } from './lib/tax';

                interface Priced { total_cents: number; tax_cents: number; currency: Currency }

                export class PriceOrder extends StepHandler {
                  static handlerName = 'price_order';

                  async call(context: StepContext): Promise<unknown> {
                    const lines = context.getInput('lines') as Line[];
                    const total: number = totalCents(lines);
                    const priced: Priced = { total_cents: total, tax_cents: Math.round(total * rate), currency: Currency.EUR };
                    return this.success(priced);
                  }
                }
                """);
        Files.writeString(dir.resolve("handlers.ts"), """
                import { StepHandler, StepContext, PermanentError, RetryableError, defineHandler } from '@tasker-systems/tasker';
                import { totalCents } from './lib/pricing';

                interface Accessed {
                  task: string;
                  step: string;
                  retry: number;
                }

                type Outcome = { doubled: number };

                export class Doubler extends StepHandler {
                  call(context: StepContext): Outcome {
                    return { doubled: totalCents([{ sku: 'x', quantity: 2, unitCents: context.getInput('n') as number }]) };
                  }
                }
                export class Accessors extends StepHandler {
                  call(c: StepContext): Accessed & Record<string, unknown> {
                    return { task: c.taskUuid, step: c.stepUuid, name: c.stepName, ns: c.namespaceName,
                      or: c.getInputOr('missing', 'fallback'), config: c.getConfig('mode'), dep: c.getDependencyResult('prev'),
                      field: c.getDependencyField('prev', 'nested', 'value'), retry: c.retryCount, isRetry: c.isRetry(),
                      last: c.isLastRetry(), inputs: c.stepInputs, data: c.inputData };
                  }
                }
                export class Refuses extends StepHandler {
                  call() { return this.failure('address is invalid', 'ValidationError', false, { field: 'zip' }, 'bad_zip'); }
                }
                export class Declines extends StepHandler {
                  call(): never {
                    throw new PermanentError('card declined', { errorCode: 'declined' });
                  }
                }
                export class Later extends StepHandler {
                  call(): never { throw new RetryableError('rate limited', { retryAfter: 2 }); }
                }
                export class Awaits extends StepHandler {
                  async call(context: StepContext): Promise<{ awaited: number }> {
                    const v = await Promise.resolve(context.getInput('n') as number);
                    return { awaited: v + 1 };
                  }
                }
                export class OldStyle extends StepHandler {
                  process(context: StepContext): number { return (context.getInput('n') as number) + 1; }
                  processResults(output: number) { return this.success({ processed: output * 10 }); }
                }
                export class ReturnsFunction extends StepHandler {
                  call() { return { items: [1, 2, 3, { callback: (): number => 1 }] }; }
                }
                export class Spins extends StepHandler {
                  call(): never { while (true) { /* forever */ } }
                }
                defineHandler('ts_functional', async (context: StepContext) => ({ from: 'function', step: context.stepName }));
                """);
        Files.writeString(dir.resolve("broken.ts"), "export class Broken {\n  call(: number) { return 1; }\n}\n");
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        compiler = new TypeScriptCompiler(engine, cache);
        ts = new JsRuntime(engine, List.of(dir.resolve("order.ts"), dir.resolve("handlers.ts"), dir.resolve("broken.ts")),
                List.of(dir), 2, compiler);
    }

    @AfterAll
    static void close() {
        ts.close();
        compiler.close();
        engine.close();
    }

    private static JsonNode price(JsRuntime runtime) throws Exception {
        return ((StepResult.Success) new GuestHandlers(runtime).resolve("ts:price_order").orElseThrow()
                .call(FakeContext.of("{\"lines\": [{\"sku\": \"A\", \"quantity\": 2, \"unitCents\": 1250},"
                        + " {\"sku\": \"B\", \"quantity\": 1, \"unitCents\": 500}]}"))).result();
    }

    @Test
    void interfacesEnumsImportTypeAndRelativeTypeScriptImportsRun() throws Exception {
        JsonNode priced = price(ts);

        assertThat(priced.get("total_cents").asInt()).isEqualTo(3000);
        assertThat(priced.get("tax_cents").asInt()).isEqualTo(750);
        assertThat(priced.get("currency").asText()).isEqualTo("EUR");
        assertThat(ts.handlerNames()).contains("PriceOrder", "price_order");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThat(ts.loadErrors()).singleElement().asString().startsWith(dir.resolve("broken.ts") + ":2: SyntaxError: ");
    }

    @Test
    void aSecondStartWithUnchangedFilesNeverLoadsTheCompiler() throws Exception {
        assertThat(compiler.compilerLoads()).isEqualTo(1);
        try (TypeScriptCompiler again = new TypeScriptCompiler(engine, cache);
             JsRuntime restarted = new JsRuntime(engine, List.of(dir.resolve("order.ts")), List.of(dir), 1, again)) {
            assertThat(price(restarted).get("total_cents").asInt()).isEqualTo(3000);
            assertThat(again.compilerLoads()).isZero();
        }
    }

    private static StepResult call(String name, StepContext ctx) throws Exception {
        return TimedCall.call(new GuestHandlers(ts).resolve("ts:" + name).orElseThrow(() -> new AssertionError("no handler " + name)), ctx);
    }

    private static JsonNode result(String name, String input) throws Exception {
        return ((StepResult.Success) call(name, FakeContext.of(input))).result();
    }

    @Test
    void everyAccessorSeesTheStep() throws Exception {
        FakeContext ctx = FakeContext.of("{\"n\": 1}").with("{\"mode\": \"fast\"}",
                Map.of("prev", Json.read("{\"nested\": {\"value\": 99}}")), 2);
        JsonNode r = ((StepResult.Success) call("Accessors", ctx)).result();

        assertThat(r.get("task").asText()).isEqualTo(ctx.taskUuid().toString());
        assertThat(r.get("step").asText()).isEqualTo(ctx.stepUuid().toString());
        assertThat(r.get("name").asText()).isEqualTo("a_step");
        assertThat(r.get("ns").asText()).isEqualTo("tests");
        assertThat(r.get("or").asText()).isEqualTo("fallback");
        assertThat(r.get("config").asText()).isEqualTo("fast");
        assertThat(r.get("dep").get("nested").get("value").asInt()).isEqualTo(99);
        assertThat(r.get("field").asInt()).isEqualTo(99);
        assertThat(r.get("retry").asInt()).isEqualTo(2);
        assertThat(r.get("isRetry").asBoolean()).isTrue();
        assertThat(r.get("last").asBoolean()).isTrue();
        assertThat(r.get("inputs").get("cursor").asInt()).isEqualTo(5);
        assertThat(r.get("data").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void plainReturnsFailuresAndEachErrorClassWithTheTypeScriptLine() {
        assertThatThrownBy(() -> call("Refuses", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("ValidationError");
            assertThat(e.error().get("error_code").asText()).isEqualTo("bad_zip");
        });
        assertThatThrownBy(() -> call("Declines", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("PermanentError");
            assertThat(e.error().get("message").asText()).isEqualTo("card declined");
            assertThat(e.error().get("backtrace").get(0).asText()).isEqualTo("at Declines.call (" + dir.resolve("handlers.ts") + ":30)");
        });
        assertThatThrownBy(() -> call("Later", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void asyncTheOlderProcessStyleAndTheFunctionalForm() throws Exception {
        assertThat(result("Doubler", "{\"n\": 21}").get("doubled").asInt()).isEqualTo(42);
        assertThat(result("Awaits", "{\"n\": 41}").get("awaited").asInt()).isEqualTo(42);
        assertThat(result("OldStyle", "{\"n\": 4}").get("processed").asInt()).isEqualTo(50);
        assertThat(result("ts_functional", "{}").get("from").asText()).isEqualTo("function");
    }

    @Test
    void returningAFunctionFailsPermanentlyNamingThePath() {
        assertThatThrownBy(() -> call("ReturnsFunction", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("message").asText()).isEqualTo("result.items[3].callback is a function, which cannot be a step result");
        });
    }

    @Test
    void anInfiniteLoopTimesOutAndThePoolStillServes() throws Exception {
        assertThatThrownBy(() -> call("Spins", FakeContext.of("{}").withTimeout(1))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.error().get("error_type").asText()).isEqualTo("Timeout");
        });
        assertThat(result("Doubler", "{\"n\": 5}").get("doubled").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> ts.idleContexts() == ts.poolSize());
    }

    @Test
    void twoThreadsShareThePoolWithoutErrors() throws Exception {
        assertThat(PoolStress.sumOfDoubles(1000, n -> result("Doubler", "{\"n\": " + n + "}").get("doubled").asLong()))
                .containsExactly(999_000L, 999_000L);
    }
}
