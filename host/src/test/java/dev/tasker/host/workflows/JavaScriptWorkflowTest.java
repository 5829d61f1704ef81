package dev.tasker.host.workflows;

import dev.tasker.bridge.GuestHandlers;
import dev.tasker.bridge.JsRuntime;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JavaScript handler files driving the engine on PostgreSQL. */
class JavaScriptWorkflowTest {

    private static Path dir;
    private static Engine graal;
    private static JsRuntime js;
    private static TestEngine engine;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("js-workflow");
        Files.writeString(dir.resolve("linear.mjs"), """
                import { StepHandler, DecisionHandler, PermanentError } from '@tasker-systems/tasker';

                export class Route extends DecisionHandler {
                  call(ctx) {
                    const n = ctx.getInput('even_number');
                    return n > 100 ? this.decisionSuccess(['big', 'bigger']) : n > 0 ? this.decisionSuccess(['small']) : this.skipBranches('zero');
                  }
                }
                export class Label extends StepHandler { call(ctx) { return ctx.stepName; } }
                export class Spin extends StepHandler { call() { while (true) { /* until cancelled */ } } }
                export class RunLinear extends StepHandler {
                  call(ctx) { return this.startSubWorkflow('math', 'linear_js', { even_number: ctx.getInput('n') }); }
                }
                export class Join extends StepHandler {
                  call(ctx) { return Object.keys(ctx.dependencyResults).filter((k) => k !== 'route' && k !== 'start').sort(); }
                }

                export class Square extends StepHandler {
                  call(ctx) { const n = ctx.getInput('even_number'); return this.success(n * n); }
                }
                export class AddTen extends StepHandler {
                  call(ctx) { return ctx.getDependencyResult('square') + 10; }
                }
                export class TimesThree extends StepHandler {
                  async call(ctx) { return (await ctx.getDependencyResult('add_ten')) * 3; }
                }
                export class Halve extends StepHandler {
                  call(ctx) {
                    if (ctx.getInput('refuse')) throw new PermanentError('refusing to halve');
                    return ctx.getDependencyResult('times_three') / 2;
                  }
                }
                """);
        graal = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        js = new JsRuntime(graal, List.of(dir.resolve("linear.mjs")), List.of(dir), 2);
        engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(), new GuestHandlers(js))
                .template("""
                        name: linear_js
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: square, handler: { callable: js:Square } }
                          - { name: add_ten, handler: { callable: AddTen }, dependencies: [square] }
                          - { name: times_three, handler: { callable: TimesThree }, dependencies: [add_ten] }
                          - { name: halve, handler: { callable: Halve }, dependencies: [times_three] }
                        """)
                .template("""
                        name: spin_js
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: spin, handler: { callable: Spin }, timeout_seconds: 120 }
                        """)
                .template("""
                        name: spin_briefly_js
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: spin, handler: { callable: Spin }, timeout_seconds: 1, retry: { max_attempts: 1 } }
                        """)
                .template("""
                        name: nested_js
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: run_linear, handler: { callable: RunLinear } }
                        """)
                .template("""
                        name: routed_js
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: start, handler: { callable: Label } }
                          - { name: route, type: decision, handler: { callable: Route }, dependencies: [start] }
                          - { name: small, handler: { callable: Label }, dependencies: [route] }
                          - { name: big, handler: { callable: Label }, dependencies: [route] }
                          - { name: bigger, handler: { callable: Label }, dependencies: [route] }
                          - { name: join, type: deferred_convergence, handler: { callable: Join }, dependencies: [small, big, bigger] }
                        """);
    }

    @AfterAll
    static void stop() {
        engine.close();
        js.close();
        graal.close();
        TestDatabases.deleteRecursively(dir);
    }

    @Test
    void sixGivesSixtyNine() {
        TaskView task = engine.awaitEnd(engine.submit("math", "linear_js", "{\"even_number\": 6}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("square").orElseThrow().result().asInt()).isEqualTo(36);
        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(69.0);
    }

    @Test
    void aHandlerPastItsTimeoutIsStoppedByTheWorkerAndItsContextServesTheNextTask() {
        TaskView spun = engine.awaitEnd(engine.submit("math", "spin_briefly_js", "{}"));

        StepView spin = spun.step("spin").orElseThrow();
        assertThat(spun.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(spin.state()).isEqualTo(StepState.ERROR);
        assertThat(spin.error().get("error_type").asText()).isEqualTo("Timeout");
        assertThat(spin.error().get("message").asText()).isEqualTo("step 'spin' ran past its timeout of 1 s and was interrupted");
        TaskView next = engine.awaitEnd(engine.submit("math", "linear_js", "{\"even_number\": 12}"));
        assertThat(next.step("halve").orElseThrow().result().asDouble()).isEqualTo(231.0);
    }

    @Test
    void aJavaScriptErrorIsRecordedWithItsLanguageClassAndLine() {
        TaskView task = engine.awaitEnd(engine.submit("math", "linear_js", "{\"even_number\": 4, \"refuse\": true}"));

        StepView halve = task.step("halve").orElseThrow();
        assertThat(task.state()).isEqualTo(TaskState.BLOCKED_BY_FAILURES);
        assertThat(halve.state()).isEqualTo(StepState.ERROR);
        assertThat(halve.attempts()).isEqualTo(1);
        assertThat(halve.error().get("language").asText()).isEqualTo("javascript");
        assertThat(halve.error().get("error_type").asText()).isEqualTo("PermanentError");
        assertThat(halve.error().get("message").asText()).isEqualTo("refusing to halve");
        assertThat(halve.error().get("backtrace").get(0).asText()).contains("linear.mjs:29");
    }

    @Test
    void aJavaScriptDecisionCreatesOnlyTheChosenBranchesAndTheConvergenceWaitsForThem() {
        TaskView big = engine.awaitEnd(engine.submit("math", "routed_js", "{\"even_number\": 500}"));
        assertThat(big.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(big.steps()).extracting(dev.tasker.core.engine.StepView::name).containsExactlyInAnyOrder("start", "route", "big", "bigger", "join");
        assertThat(big.step("join").orElseThrow().result().toString()).isEqualTo("[\"big\",\"bigger\"]");

        TaskView none = engine.awaitEnd(engine.submit("math", "routed_js", "{\"even_number\": 0}"));
        assertThat(none.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(none.steps()).extracting(dev.tasker.core.engine.StepView::name).containsExactlyInAnyOrder("start", "route");
    }

    @Test
    void aJavaScriptStepRunsASubWorkflowAndCarriesItsResult() {
        TaskView task = engine.awaitEnd(engine.submit("math", "nested_js", "{\"n\": 6}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("run_linear").orElseThrow().result().asDouble()).isEqualTo(69.0);
    }

    @Test
    void cancellingATaskStopsItsRunningJavaScriptAtOnceAndThePoolRecovers() {
        java.util.UUID task = engine.submit("math", "spin_js", "{}");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                engine.task(task).step("spin").orElseThrow().state() == dev.tasker.core.state.StepState.IN_PROGRESS);

        engine.store().cancel(task, "stop spinning");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                engine.worker().runningCount() == 0 && js.idleContexts() == js.poolSize());
        assertThat(engine.task(task).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(engine.awaitEnd(engine.submit("math", "linear_js", "{\"even_number\": 2}")).state()).isEqualTo(TaskState.COMPLETE);
    }
}
