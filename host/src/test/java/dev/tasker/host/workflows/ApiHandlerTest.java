package dev.tasker.host.workflows;

import com.sun.net.httpserver.HttpServer;
import dev.tasker.bridge.ApiClient;
import dev.tasker.bridge.GuestHandlers;
import dev.tasker.bridge.JsRuntime;
import dev.tasker.bridge.PythonRuntime;
import dev.tasker.bridge.RubyRuntime;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.engine.StepView;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.state.StepState;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** API handlers in JavaScript, Python, Ruby and Java against a local HTTP server. */
class ApiHandlerTest {

    private static final AtomicInteger BUSY_CALLS = new AtomicInteger();
    private static final List<Instant> BUSY_AT = new CopyOnWriteArrayList<>();
    private static HttpServer http;
    private static String base;
    private static Path dir;
    private static Engine graal;
    private static JsRuntime js;
    private static PythonRuntime python;
    private static RubyRuntime ruby;
    private static TestEngine engine;

    @BeforeAll
    static void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/payments", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String answer = "{\"paid\": true, \"echo\": " + new String(in, StandardCharsets.UTF_8) + ", \"auth\": \""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\"}";
            reply(exchange, 200, answer, Map.of());
        });
        http.createContext("/busy", exchange -> {
            BUSY_AT.add(Instant.now());
            if (BUSY_CALLS.incrementAndGet() == 1) {
                reply(exchange, 503, "{\"error\": \"try later\"}", Map.of("Retry-After", "1"));
            } else {
                reply(exchange, 200, "{\"ok\": true}", Map.of());
            }
        });
        http.createContext("/missing", exchange -> reply(exchange, 404, "{\"error\": \"no such order\"}", Map.of()));
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();

        dir = Files.createTempDirectory("api-handlers");
        Files.writeString(dir.resolve("api.mjs"), """
                import { ApiHandler } from '@tasker-systems/tasker';
                export class Charge extends ApiHandler {
                  call(ctx) {
                    const response = this.post(ctx.getInput('base') + ctx.getInput('path'), { cents: 1250 },
                      { headers: { Authorization: 'Bearer shop-key' }, timeout: 5 });
                    return { status: response.status, body: response.body };
                  }
                }
                """);
        Files.writeString(dir.resolve("api.py"), """
                from tasker_core import ApiHandler


                class PythonCharge(ApiHandler):
                    def call(self, context):
                        response = self.post(context.get_input("base") + "/payments", {"cents": 99})
                        return {"status": response["status"], "paid": response["body"]["paid"]}
                """);
        Files.writeString(dir.resolve("api.rb"), """
                class RubyCharge < TaskerCore::StepHandler::Api
                  def call(context)
                    response = post("#{context.get_input(:base)}/payments", { cents: 7 }, headers: { 'Authorization' => 'Bearer rb' })
                    { status: response['status'], auth: response['body']['auth'] }
                  end
                end
                """);
        graal = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        js = new JsRuntime(graal, List.of(dir.resolve("api.mjs")), List.of(dir), 1);
        python = new PythonRuntime(graal, List.of(dir.resolve("api.py")), List.of(dir), 1);
        ruby = new RubyRuntime(graal, List.of(dir.resolve("api.rb")), List.of(dir), 1);
        engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s,
                Map.of("Java::Charge", ctx -> {
                    var response = ApiClient.send("POST", ctx.getInput("base").asText() + "/payments", Map.of(),
                            dev.tasker.core.json.Json.read("{\"cents\": 1}"), Duration.ofSeconds(5));
                    return StepResult.success(Map.of("status", response.status(), "paid", response.body().get("paid").asBoolean()));
                }), new GuestHandlers(js, python, ruby));
        for (String callable : List.of("Charge", "PythonCharge", "RubyCharge", "Java::Charge")) {
            engine.template("""
                    name: %s
                    namespace_name: api
                    version: 1.0.0
                    steps:
                      - { name: charge, handler: { callable: %s }, retry: { max_attempts: 3, backoff: exponential, backoff_base_ms: 5000 } }
                    """.formatted(callable.replace("::", "_").toLowerCase(), callable));
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        engine.close();
        js.close();
        python.close();
        ruby.close();
        graal.close();
        http.stop(0);
        TestDatabases.deleteRecursively(dir);
    }

    private TaskView charge(String template, String path) {
        return engine.awaitEnd(engine.submit("api", template, "{\"base\": \"" + base + "\", \"path\": \"" + path + "\"}"),
                Duration.ofSeconds(30));
    }

    @Test
    void twoHundredIsASuccessWithTheJsonBody() {
        TaskView task = charge("charge", "/payments");

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        var result = task.step("charge").orElseThrow().result();
        assertThat(result.get("status").asInt()).isEqualTo(200);
        assertThat(result.get("body").get("paid").asBoolean()).isTrue();
        assertThat(result.get("body").get("echo").get("cents").asInt()).isEqualTo(1250);
        assertThat(result.get("body").get("auth").asText()).isEqualTo("Bearer shop-key");
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterAboutASecondAndThenSucceeds() {
        TaskView task = charge("charge", "/busy");

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        StepView step = task.step("charge").orElseThrow();
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(BUSY_AT).hasSize(2);
        assertThat(Duration.between(BUSY_AT.get(0), BUSY_AT.get(1))).isBetween(Duration.ofMillis(900), Duration.ofMillis(4000));
    }

    @Test
    void a404IsPermanent() {
        TaskView task = charge("charge", "/missing");

        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        StepView step = task.step("charge").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.ERROR);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.error().get("message").asText()).isEqualTo("POST " + base + "/missing answered 404: {\"error\": \"no such order\"}");
    }

    @Test
    void pythonRubyAndJavaHandlersUseTheSameClient() {
        assertThat(charge("pythoncharge", "").step("charge").orElseThrow().result().get("paid").asBoolean()).isTrue();
        assertThat(charge("rubycharge", "").step("charge").orElseThrow().result().get("auth").asText()).isEqualTo("Bearer rb");
        assertThat(charge("java_charge", "").step("charge").orElseThrow().result().get("status").asInt()).isEqualTo(200);
    }
}
