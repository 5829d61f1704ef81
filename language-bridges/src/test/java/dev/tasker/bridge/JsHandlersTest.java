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

class JsHandlersTest {

    private static Path dir;
    private static Engine engine;
    private static JsRuntime js;
    private static GuestHandlers handlers;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("js-handlers");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/helper.mjs"), "export function double(x) { return x * 2; }\n");
        Files.writeString(dir.resolve("math.mjs"), """
                import { StepHandler, PermanentError, RetryableError, defineHandler } from '@tasker-systems/tasker';
                import { double } from './lib/helper.mjs';

                export class Square extends StepHandler {
                  static handlerName = 'square_handler';
                  call(context) { return this.success(context.getInput('n') ** 2, { note: 'squared' }); }
                }
                export class Doubler extends StepHandler {
                  call(context) { return double(context.getInput('n')); }
                }
                export class Logs extends StepHandler {
                  call(context) { this.logger.info('hello from js ' + context.getInput('n')); return true; }
                }
                export class Accessors extends StepHandler {
                  call(c) {
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
                  call() { throw new PermanentError('card declined', { errorCode: 'declined' }); }
                }
                export class Later extends StepHandler {
                  call() { throw new RetryableError('rate limited', { retryAfter: 2 }); }
                }
                export class Crashes extends StepHandler {
                  call() { return undefinedFunction(); }
                }
                export class Awaits extends StepHandler {
                  async call(context) { const v = await Promise.resolve(context.getInput('n')); return { awaited: v + 1 }; }
                }
                export class OldStyle extends StepHandler {
                  process(context) { return context.getInput('n') + 1; }
                  processResults(output) { return this.success({ processed: output * 10 }); }
                }
                export class ReturnsFunction extends StepHandler {
                  call() { return { items: [1, 2, 3, { callback() { return 1; } }] }; }
                }
                export class Spins extends StepHandler {
                  call() { while (true) {} }
                }
                export class ReachesForJava extends StepHandler {
                  call() { return Java.type('java.lang.Runtime').getRuntime().exec('id'); }
                }
                defineHandler('functional_handler', async (context) => ({ from: 'function', step: context.stepName }));
                """);
        Files.writeString(dir.resolve("broken.mjs"), "export class Broken {\n  call() { return 1 +; }\n}\n");
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        js = new JsRuntime(engine, List.of(dir.resolve("math.mjs"), dir.resolve("broken.mjs")), List.of(dir), 2);
        handlers = new GuestHandlers(js);
    }

    @AfterAll
    static void close() {
        js.close();
        engine.close();
    }

    private static StepResult call(String name, StepContext ctx) throws Exception {
        return TimedCall.call(handlers.resolve(name).orElseThrow(() -> new AssertionError("no handler " + name)), ctx);
    }

    private static JsonNode result(String name, String input) throws Exception {
        return ((StepResult.Success) call(name, FakeContext.of(input))).result();
    }

    @Test
    void successWithMetadataAndHandlerNameAlias() throws Exception {
        StepResult.Success s = (StepResult.Success) call("square_handler", FakeContext.of("{\"n\": 7}"));
        assertThat(s.result().asInt()).isEqualTo(49);
        assertThat(s.metadata().get("note").asText()).isEqualTo("squared");
        assertThat(result("js:Square", "{\"n\": 3}").asInt()).isEqualTo(9);
    }

    @Test
    void aPlainReturnIsASuccessAndRelativeImportsWork() throws Exception {
        assertThat(result("Doubler", "{\"n\": 21}").asInt()).isEqualTo(42);
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
    void aFailureResultCarriesItsTypeRetryabilityAndCode() {
        assertThatThrownBy(() -> call("Refuses", FakeContext.of("{}")))
                .isInstanceOfSatisfying(HandlerError.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.error().get("error_type").asText()).isEqualTo("ValidationError");
                    assertThat(e.error().get("message").asText()).isEqualTo("address is invalid");
                    assertThat(e.error().get("error_code").asText()).isEqualTo("bad_zip");
                    assertThat(e.error().get("metadata").get("field").asText()).isEqualTo("zip");
                    assertThat(e.error().get("language").asText()).isEqualTo("javascript");
                });
    }

    @Test
    void eachErrorClassDecidesRetryAndTheBacktraceNamesTheFileAndLine() {
        assertThatThrownBy(() -> call("Declines", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("PermanentError");
            assertThat(e.error().get("error_code").asText()).isEqualTo("declined");
            assertThat(e.error().get("backtrace").toString()).contains("math.mjs:26");
        });
        assertThatThrownBy(() -> call("Later", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThatThrownBy(() -> call("Crashes", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.error().get("error_type").asText()).isEqualTo("ReferenceError");
            assertThat(e.error().get("message").asText()).contains("undefinedFunction");
        });
    }

    @Test
    void asyncHandlersAreAwaitedAndTheOlderProcessStyleWorks() throws Exception {
        assertThat(result("Awaits", "{\"n\": 41}").get("awaited").asInt()).isEqualTo(42);
        assertThat(result("OldStyle", "{\"n\": 4}").get("processed").asInt()).isEqualTo(50);
        assertThat(result("functional_handler", "{}").get("from").asText()).isEqualTo("function");
    }

    @Test
    void returningAFunctionFailsPermanentlyNamingThePath() {
        assertThatThrownBy(() -> call("ReturnsFunction", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("message").asText()).isEqualTo("result.items[3].callback is a function, which cannot be a step result");
        });
    }

    @Test
    void hostAccessIsRefusedAndTheJvmCarriesOn() throws Exception {
        assertThatThrownBy(() -> call("ReachesForJava", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class,
                e -> assertThat(e.error().get("message").asText()).containsAnyOf("Java is not defined", "not allowed", "Access to host class"));
        assertThat(result("Doubler", "{\"n\": 2}").asInt()).isEqualTo(4);
    }

    @Test
    void anInfiniteLoopTimesOutAndThePoolStillServes() throws Exception {
        long started = System.nanoTime();
        assertThatThrownBy(() -> call("Spins", FakeContext.of("{}").withTimeout(1))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.error().get("error_type").asText()).isEqualTo("Timeout");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result("Doubler", "{\"n\": 5}").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> js.idleContexts() == js.poolSize());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineWhileTheOtherFilesLoad() {
        assertThat(js.loadErrors()).singleElement().asString()
                .startsWith(dir.resolve("broken.mjs") + ":2: SyntaxError").doesNotContain("\n");
        assertThat(js.handlerNames()).contains("Square", "Doubler", "functional_handler");
    }

    @Test
    void twoThreadsShareThePoolWithoutErrors() throws Exception {
        assertThat(PoolStress.sumOfDoubles(1000, n -> result("Doubler", "{\"n\": " + n + "}").asLong()))
                .containsExactly(999_000L, 999_000L);
    }

    @Test
    void theLoggerWritesToTheHostLogTaggedWithTaskAndStep() throws Exception {
        var records = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var logger = java.util.logging.Logger.getLogger("tasker.handlers.javascript");
        var handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            FakeContext ctx = FakeContext.of("{\"n\": 7}");
            call("Logs", ctx);
            assertThat(records).containsExactly("INFO [task " + ctx.taskUuid() + " step a_step handler Logs] hello from js 7");
        } finally {
            logger.removeHandler(handler);
        }
    }
}
