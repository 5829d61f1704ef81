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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RubyHandlersTest {

    private static Path dir;
    private static Engine engine;
    private static RubyRuntime ruby;
    private static GuestHandlers handlers;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("rb-handlers");
        Files.createDirectories(dir.resolve("linear_workflow/step_handlers"));
        Files.writeString(dir.resolve("linear_workflow/helpers.rb"), "module MathHelpers\n  def self.double(x) = x * 2\nend\n");
        Files.writeString(dir.resolve("linear_workflow/step_handlers/math.rb"), """
                require_relative '../helpers'

                module LinearWorkflow
                  module StepHandlers
                    class Square < TaskerCore::StepHandler::Base
                      self.handler_name = 'square_handler'

                      def call(context)
                        success(result: context.get_input(:n)**2, metadata: { note: 'squared' })
                      end
                    end

                    class Doubler < Tasker::StepHandler
                      def call(context) = MathHelpers.double(context.get_input('n'))
                    end

                    class Logs < TaskerCore::StepHandler::Base
                      def call(context)
                        logger.info("hello from ruby #{context.get_input(:n)}")
                        true
                      end
                    end

                    class Accessors < TaskerCore::StepHandler::Base
                      def call(c)
                        { task: c.task_uuid, name: c.step_name, ns: c.namespace_name, or: c.get_input_or(:missing, 'fallback'),
                          config: c.get_config(:mode), field: c.get_dependency_field('prev', 'nested', 'value'),
                          retry: c.retry_count, is_retry: c.is_retry?, last: c.is_last_retry?, inputs: c.step_inputs }
                      end
                    end

                    class BigAndNested < TaskerCore::StepHandler::Base
                      def call(_context) = { big: 2**70, nested: [{ a: [1, 2.5, nil, true, :sym] }], when: Date.new(2026, 11, 23) }
                    end

                    class Refuses < TaskerCore::StepHandler::Base
                      def call(_context)
                        failure(message: 'address is invalid', error_type: 'ValidationError', retryable: false, error_code: 'bad_zip')
                      end
                    end

                    class Declines < TaskerCore::StepHandler::Base
                      def call(_context)
                        raise TaskerCore::Errors::PermanentError.new('card declined', error_code: 'declined')
                      end
                    end

                    class Later < TaskerCore::StepHandler::Base
                      def call(_context) = raise(TaskerCore::Errors::RetryableError.new('rate limited', retry_after: 2))
                    end

                    class Crashes < TaskerCore::StepHandler::Base
                      def call(_context) = nil.fetch(:x)
                    end

                    class OldStyle < TaskerCore::StepHandler::Base
                      def process(context) = context.get_input(:n) + 1
                      def process_results(output) = TaskerCore::Types::StepHandlerCallResult.success(result: { processed: output * 10 })
                    end

                    class ReturnsProc < TaskerCore::StepHandler::Base
                      def call(_context) = { items: [1, 2, 3, { callback: -> { 1 } }] }
                    end

                    class Spins < TaskerCore::StepHandler::Base
                      def call(_context)
                        loop {}
                      end
                    end

                    class ReachesForJava < TaskerCore::StepHandler::Base
                      def call(_context) = Java.type('java.lang.Runtime')
                    end

                    class Spawns < TaskerCore::StepHandler::Base
                      def call(_context) = `id`
                    end

                    class SpawnsProcess < TaskerCore::StepHandler::Base
                      def call(_context) = Process.spawn('id')
                    end

                    class Popens < TaskerCore::StepHandler::Base
                      def call(_context) = IO.popen('id').read
                    end
                  end
                end

                step_handler('functional_handler') { |context| { from: 'block', step: context.step_name } }
                """);
        Files.writeString(dir.resolve("broken.rb"), "class Broken\n  def call(\nend\n");
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        Files.writeString(dir.resolve("echo.rb"), """
                class EchoInput < TaskerCore::StepHandler::Base
                  def call(context) = { value: context.get_input(:value), classes: context.get_input(:value).values.map { |v| v.class.name } }
                end
                """);
        ruby = new RubyRuntime(engine, List.of(dir.resolve("linear_workflow/step_handlers/math.rb"), dir.resolve("broken.rb"),
                dir.resolve("echo.rb")),
                List.of(dir), 2);
        handlers = new GuestHandlers(ruby);
    }

    @AfterAll
    static void close() {
        ruby.close();
        engine.close();
    }

    private static StepResult call(String name, StepContext ctx) throws Exception {
        return TimedCall.call(handlers.resolve(name).orElseThrow(() -> new AssertionError("no handler " + name)), ctx);
    }

    private static JsonNode result(String name, String input) throws Exception {
        return ((StepResult.Success) call(name, FakeContext.of(input))).result();
    }

    @Test
    void successPlainReturnRequireRelativeAndEveryNameACallableMayUse() throws Exception {
        StepResult.Success s = (StepResult.Success) call("square_handler", FakeContext.of("{\"n\": 7}"));
        assertThat(s.result().asInt()).isEqualTo(49);
        assertThat(s.metadata().get("note").asText()).isEqualTo("squared");
        assertThat(result("LinearWorkflow::StepHandlers::Square", "{\"n\": 3}").asInt()).isEqualTo(9);
        assertThat(result("rb:Doubler", "{\"n\": 21}").asInt()).isEqualTo(42);
    }

    @Test
    void everyAccessorSeesTheStep() throws Exception {
        FakeContext ctx = FakeContext.of("{\"n\": 1}").with("{\"mode\": \"fast\"}",
                Map.of("prev", Json.read("{\"nested\": {\"value\": 99}}")), 2);
        JsonNode r = ((StepResult.Success) call("Accessors", ctx)).result();

        assertThat(r.get("task").asText()).isEqualTo(ctx.taskUuid().toString());
        assertThat(r.get("name").asText()).isEqualTo("a_step");
        assertThat(r.get("ns").asText()).isEqualTo("tests");
        assertThat(r.get("or").asText()).isEqualTo("fallback");
        assertThat(r.get("config").asText()).isEqualTo("fast");
        assertThat(r.get("field").asInt()).isEqualTo(99);
        assertThat(r.get("retry").asInt()).isEqualTo(2);
        assertThat(r.get("is_retry").asBoolean()).isTrue();
        assertThat(r.get("last").asBoolean()).isTrue();
        assertThat(r.get("inputs").get("cursor").asInt()).isEqualTo(5);
    }

    @Test
    void bigIntegersSymbolKeysAndDatesSurvive() throws Exception {
        JsonNode r = result("BigAndNested", "{}");
        assertThat(r.get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(r.get("nested").get(0).get("a").toString()).isEqualTo("[1,2.5,null,true,\"sym\"]");
        assertThat(r.get("when").asText()).isEqualTo("2026-11-23");
    }

    @Test
    void everyJsonValueReachesRubyAsRubyValuesAndComesBackUnchanged() throws Exception {
        String value = FakeContext.EVERY_JSON_KIND;
        JsonNode r = result("EchoInput", "{\"value\": " + value + "}");

        assertThat(r.get("value")).isEqualTo(Json.read(value));
        assertThat(r.get("classes")).extracting(JsonNode::asText).containsExactly("String", "Integer", "Integer", "Integer",
                "Float", "Float", "TrueClass", "NilClass", "Array", "ActiveSupport::HashWithIndifferentAccess", "Array");
    }

    @Test
    void failuresAndEachErrorClass() {
        assertThatThrownBy(() -> call("Refuses", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("ValidationError");
            assertThat(e.error().get("error_code").asText()).isEqualTo("bad_zip");
            assertThat(e.error().get("language").asText()).isEqualTo("ruby");
        });
        assertThatThrownBy(() -> call("Declines", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("PermanentError");
            assertThat(e.error().get("error_code").asText()).isEqualTo("declined");
            assertThat(e.error().get("backtrace").get(0).asText()).contains("linear_workflow/step_handlers/math.rb:44");
        });
        assertThatThrownBy(() -> call("Later", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThatThrownBy(() -> call("Crashes", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.error().get("error_type").asText()).isEqualTo("NoMethodError");
        });
    }

    @Test
    void theOlderProcessStyleAndTheBlockForm() throws Exception {
        assertThat(result("OldStyle", "{\"n\": 4}").get("processed").asInt()).isEqualTo(50);
        assertThat(result("functional_handler", "{}").get("from").asText()).isEqualTo("block");
    }

    @Test
    void returningAProcFailsPermanentlyNamingThePath() {
        assertThatThrownBy(() -> call("ReturnsProc", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("message").asText()).isEqualTo("result.items[3].callback is a Proc, which cannot be a step result");
        });
    }

    @Test
    void hostAccessAndProcessesAreRefused() throws Exception {
        assertThatThrownBy(() -> call("ReachesForJava", FakeContext.of("{}"))).as("Java.type").isInstanceOf(HandlerError.class);
        assertThatThrownBy(() -> call("Spawns", FakeContext.of("{}"))).as("backticks").isInstanceOfSatisfying(HandlerError.class,
                e -> assertThat(e.error().get("message").asText()).isEqualTo("` is not allowed in a Tasker handler: handlers may not start processes"));
        assertThatThrownBy(() -> call("SpawnsProcess", FakeContext.of("{}"))).as("Process.spawn").isInstanceOf(HandlerError.class);
        assertThatThrownBy(() -> call("Popens", FakeContext.of("{}"))).as("IO.popen").isInstanceOf(HandlerError.class);
        assertThat(result("Doubler", "{\"n\": 2}").asInt()).isEqualTo(4);
    }

    @Test
    void anInfiniteLoopTimesOutAndThePoolStillServes() throws Exception {
        assertThatThrownBy(() -> call("Spins", FakeContext.of("{}").withTimeout(1))).isInstanceOfSatisfying(HandlerError.class,
                e -> assertThat(e.error().get("error_type").asText()).isEqualTo("Timeout"));
        assertThat(result("Doubler", "{\"n\": 5}").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> ruby.idleContexts() == ruby.poolSize());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineWhileTheOtherFilesLoad() {
        assertThat(ruby.loadErrors()).singleElement().asString()
                .startsWith(dir.resolve("broken.rb") + ":").contains("SyntaxError").doesNotContain("\n");
        assertThat(ruby.handlerNames()).contains("Square", "LinearWorkflow::StepHandlers::Square", "Doubler", "functional_handler");
    }

    @Test
    void theLoggerWritesToTheHostLogTaggedWithTaskAndStep() throws Exception {
        var records = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var logger = java.util.logging.Logger.getLogger("tasker.handlers.ruby");
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
            assertThat(records).containsExactly("INFO [task " + ctx.taskUuid() + " step a_step handler Logs] hello from ruby 7");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void twoThreadsShareThePoolWithoutErrors() throws Exception {
        assertThat(PoolStress.sumOfDoubles(1000, n -> result("rb:Doubler", "{\"n\": " + n + "}").asLong())).containsExactly(999_000L, 999_000L);
    }
}
