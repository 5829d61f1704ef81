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

class PythonHandlersTest {

    private static Path dir;
    private static Engine engine;
    private static PythonRuntime python;
    private static GuestHandlers handlers;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("py-handlers");
        Files.createDirectories(dir.resolve("linear_workflow/step_handlers"));
        Files.writeString(dir.resolve("linear_workflow/__init__.py"), "");
        Files.writeString(dir.resolve("linear_workflow/step_handlers/__init__.py"), "");
        Files.writeString(dir.resolve("linear_workflow/helpers.py"), "def double(x: int) -> int:\n    return x * 2\n");
        Files.writeString(dir.resolve("linear_workflow/step_handlers/math.py"), """
                import datetime
                import decimal
                from tasker_core import StepHandler, PermanentError, RetryableError, StepHandlerResult, step_handler
                from linear_workflow.helpers import double


                class Square(StepHandler):
                    handler_name = "square_handler"

                    def call(self, context):
                        return self.success(context.get_input("n") ** 2, {"note": "squared"})


                class Doubler(StepHandler):
                    def call(self, context):
                        return double(context.get_input("n"))


                class Logs(StepHandler):
                    def call(self, context):
                        self.logger.info("hello from python %s" % context.get_input("n"))
                        return True


                class Accessors(StepHandler):
                    def call(self, c):
                        return {"task": c.task_uuid, "name": c.step_name, "ns": c.namespace_name,
                                "or": c.get_input_or("missing", "fallback"), "config": c.get_config("mode"),
                                "field": c.get_dependency_field("prev", "nested", "value"), "retry": c.retry_count,
                                "is_retry": c.is_retry(), "last": c.is_last_retry(), "inputs": c.step_inputs}


                class BigAndNested(StepHandler):
                    def call(self, context):
                        return {"big": 2 ** 70, "nested": [{"a": [1, 2.5, None, True]}], "when": datetime.date(2026, 11, 23),
                                "price": decimal.Decimal("2.50")}


                class Refuses(StepHandler):
                    def call(self, context):
                        return self.failure("address is invalid", "ValidationError", False, {"field": "zip"}, "bad_zip")


                class Declines(StepHandler):
                    def call(self, context):
                        raise PermanentError("card declined", error_code="declined")


                class Later(StepHandler):
                    def call(self, context):
                        raise RetryableError("rate limited", retry_after=2)


                class Crashes(StepHandler):
                    def call(self, context):
                        return {}["missing"]


                class OldStyle(StepHandler):
                    def process(self, context):
                        return context.get_input("n") + 1

                    def process_results(self, output):
                        return StepHandlerResult.success({"processed": output * 10})


                class ReturnsFunction(StepHandler):
                    def call(self, context):
                        return {"items": [1, 2, 3, {"callback": lambda: 1}]}


                class Spins(StepHandler):
                    def call(self, context):
                        while True:
                            pass


                class ReachesForJava(StepHandler):
                    def call(self, context):
                        import java
                        return java.type("java.lang.Runtime").getRuntime().exec("id")


                class WritesFiles(StepHandler):
                    def call(self, context):
                        with open("/tmp/tasker-sandbox-escape.txt", "w") as f:
                            f.write("x")
                        return "wrote"


                class EchoInput(StepHandler):
                    def call(self, context):
                        value = context.get_input("value")
                        return {"value": value, "types": [type(v).__name__ for v in value.values()]}


                @step_handler("functional_handler")
                def functional(context):
                    return {"from": "function", "step": context.step_name}
                """);
        Files.writeString(dir.resolve("broken.py"), "class Broken:\n    def call(self:\n        pass\n");
        Files.writeString(dir.resolve("bad_import.py"), "from tasker_core import StepHandler\nfrom tasker_core.no_such import X\n");
        // Tasker's own test folders are packages: the handler root has an __init__.py of its own
        Files.writeString(dir.resolve("__init__.py"), "");
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        python = new PythonRuntime(engine, List.of(dir.resolve("linear_workflow/step_handlers/math.py"), dir.resolve("broken.py"),
                dir.resolve("bad_import.py"), dir.resolve("__init__.py")),
                List.of(dir), 2);
        handlers = new GuestHandlers(python);
    }

    @AfterAll
    static void close() {
        python.close();
        engine.close();
    }

    private static StepResult call(String name, StepContext ctx) throws Exception {
        return TimedCall.call(handlers.resolve(name).orElseThrow(() -> new AssertionError("no handler " + name)), ctx);
    }

    private static JsonNode result(String name, String input) throws Exception {
        return ((StepResult.Success) call(name, FakeContext.of(input))).result();
    }

    @Test
    void successPlainReturnSiblingImportsAndTheNamesACallableMayUse() throws Exception {
        StepResult.Success s = (StepResult.Success) call("square_handler", FakeContext.of("{\"n\": 7}"));
        assertThat(s.result().asInt()).isEqualTo(49);
        assertThat(s.metadata().get("note").asText()).isEqualTo("squared");
        assertThat(result("py:Square", "{\"n\": 3}").asInt()).isEqualTo(9);
        assertThat(result("linear_workflow.step_handlers.math.Doubler", "{\"n\": 21}").asInt()).isEqualTo(42);
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
    void bigIntegersNestedValuesAndDatesSurvive() throws Exception {
        JsonNode r = result("BigAndNested", "{}");
        assertThat(r.get("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(r.get("nested").get(0).get("a").toString()).isEqualTo("[1,2.5,null,true]");
        assertThat(r.get("when").asText()).isEqualTo("2026-11-23");
        assertThat(r.get("price").asDouble()).isEqualTo(2.5);
    }

    @Test
    void everyJsonValueReachesPythonAsPythonValuesAndComesBackUnchanged() throws Exception {
        String value = FakeContext.EVERY_JSON_KIND;
        JsonNode r = result("EchoInput", "{\"value\": " + value + "}");

        assertThat(r.get("value")).isEqualTo(Json.read(value));
        assertThat(r.get("types")).extracting(JsonNode::asText).containsExactly("str", "int", "int", "int", "float", "float",
                "bool", "NoneType", "list", "dict", "list");
    }

    @Test
    void failuresAndEachErrorClass() {
        assertThatThrownBy(() -> call("Refuses", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("ValidationError");
            assertThat(e.error().get("error_code").asText()).isEqualTo("bad_zip");
            assertThat(e.error().get("language").asText()).isEqualTo("python");
        });
        assertThatThrownBy(() -> call("Declines", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.error().get("error_type").asText()).isEqualTo("PermanentError");
            assertThat(e.error().get("backtrace").get(0).asText()).endsWith("linear_workflow/step_handlers/math.py:46 in call");
        });
        assertThatThrownBy(() -> call("Later", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThatThrownBy(() -> call("Crashes", FakeContext.of("{}"))).isInstanceOfSatisfying(HandlerError.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.error().get("error_type").asText()).isEqualTo("KeyError");
        });
    }

    @Test
    void theOlderProcessStyleAndTheFunctionalForm() throws Exception {
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
    void hostAccessAndFileWritesAreRefused() throws Exception {
        assertThatThrownBy(() -> call("ReachesForJava", FakeContext.of("{}"))).isInstanceOf(HandlerError.class);
        assertThatThrownBy(() -> call("WritesFiles", FakeContext.of("{}"))).isInstanceOf(HandlerError.class);
        assertThat(Files.exists(Path.of("/tmp/tasker-sandbox-escape.txt"))).isFalse();
        assertThat(result("Doubler", "{\"n\": 2}").asInt()).isEqualTo(4);
    }

    @Test
    void anInfiniteLoopTimesOutAndThePoolStillServes() throws Exception {
        assertThatThrownBy(() -> call("Spins", FakeContext.of("{}").withTimeout(1))).isInstanceOfSatisfying(HandlerError.class,
                e -> assertThat(e.error().get("error_type").asText()).isEqualTo("Timeout"));
        assertThat(result("Doubler", "{\"n\": 5}").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> python.idleContexts() == python.poolSize());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineWhileTheOtherFilesLoad() {
        assertThat(python.loadErrors()).filteredOn(e -> e.contains("broken.py")).singleElement().asString()
                .startsWith(dir.resolve("broken.py") + ":2: ").contains("SyntaxError").doesNotContain("\n");
        assertThat(python.handlerNames()).contains("Square", "Doubler", "functional_handler");
    }

    @Test
    void theHandlerFoldersOwnInitFileIsNoModuleAndNoError() {
        assertThat(python.loadErrors()).noneMatch(e -> e.contains("__init__") || e.contains("Empty module name"));
    }

    @Test
    void aFailingImportNamesTheHandlerLineThatImports() {
        assertThat(python.loadErrors()).filteredOn(e -> e.contains("bad_import.py")).singleElement().asString()
                .startsWith(dir.resolve("bad_import.py") + ":2: ").contains("No module named 'tasker_core.no_such'")
                .doesNotContain("importlib");
    }

    @Test
    void theLoggerWritesToTheHostLogTaggedWithTaskAndStep() throws Exception {
        var records = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var logger = java.util.logging.Logger.getLogger("tasker.handlers.python");
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
            assertThat(records).containsExactly("INFO [task " + ctx.taskUuid() + " step a_step handler Logs] hello from python 7");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void twoThreadsShareThePoolWithoutErrors() throws Exception {
        assertThat(PoolStress.sumOfDoubles(1000, n -> result("Doubler", "{\"n\": " + n + "}").asLong())).containsExactly(999_000L, 999_000L);
    }
}
