package dev.tasker.host.workflows;

import dev.tasker.bridge.GuestHandlers;
import dev.tasker.bridge.JsRuntime;
import dev.tasker.bridge.PythonRuntime;
import dev.tasker.bridge.RubyRuntime;
import dev.tasker.bridge.TypeScriptCompiler;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.db.testing.TestEngine;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ruby, Python, TypeScript and JavaScript handlers in one workflow, one JVM, on PostgreSQL. */
class CrossLanguageWorkflowTest {

    private static Path dir;
    private static Engine graal;
    private static RubyRuntime ruby;
    private static PythonRuntime python;
    private static JsRuntime js;
    private static TypeScriptCompiler typeScript;
    private static TestEngine engine;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("cross-language");
        Files.writeString(dir.resolve("square.rb"), """
                module Linear
                  class Square < TaskerCore::StepHandler::Base
                    def call(context) = success(result: context.get_input(:even_number)**2)
                  end

                  class Huge < TaskerCore::StepHandler::Base
                    def call(_context) = { value: 2**70, nested: { list: [1, { deep: :symbol }], none: nil, ratio: 0.25 } }
                  end

                  class BackInRuby < TaskerCore::StepHandler::Base
                    def call(context)
                      passed = context.get_dependency_result(:pass_huge)
                      { value: passed['value'] + 1, nested: passed['nested'] }
                    end
                  end
                end
                """);
        Files.writeString(dir.resolve("add_ten.py"), """
                from tasker_core import StepHandler


                class AddTen(StepHandler):
                    def call(self, context):
                        return context.get_dependency_result("square") + 10


                class PassHuge(StepHandler):
                    def call(self, context):
                        passed = context.get_dependency_result("huge")
                        return {"value": passed["value"] + 1, "nested": passed["nested"]}
                """);
        Files.writeString(dir.resolve("rest.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Halve extends StepHandler {
                  call(ctx) { return ctx.getDependencyResult('times_three') / 2; }
                }
                export class AverageBranches extends StepHandler {
                  call(ctx) { return (ctx.getDependencyResult('branch_b') + ctx.getDependencyResult('branch_c')) / 2; }
                }
                """);
        Files.writeString(dir.resolve("branches.py"), """
                from tasker_core import StepHandler


                class BranchB(StepHandler):
                    def call(self, context):
                        return context.get_dependency_result("diamond_start") + 25
                """);
        Files.writeString(dir.resolve("typed.ts"), """
                import { StepHandler, StepContext } from '@tasker-systems/tasker';

                interface Nested { list: Array<number | { deep: string }>; none: null; ratio: number }

                export class TimesThree extends StepHandler {
                  call(ctx: StepContext): number { return (ctx.getDependencyResult('add_ten') as number) * 3; }
                }
                export class BranchC extends StepHandler {
                  call(ctx: StepContext): number { return (ctx.getDependencyResult('diamond_start') as number) * 2; }
                }
                export class NestedInTypeScript extends StepHandler {
                  call(ctx: StepContext): { nested: Nested; deep: string } {
                    const nested = ctx.getDependencyField('back_in_ruby', 'nested') as Nested;
                    return { nested, deep: (nested.list[1] as { deep: string }).deep };
                  }
                }
                """);
        graal = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        typeScript = new TypeScriptCompiler(graal, Files.createTempDirectory("cross-language-ts-cache"));
        ruby = new RubyRuntime(graal, List.of(dir.resolve("square.rb")), List.of(dir), 1);
        python = new PythonRuntime(graal, List.of(dir.resolve("add_ten.py"), dir.resolve("branches.py")), List.of(dir), 1);
        js = new JsRuntime(graal, List.of(dir.resolve("rest.mjs"), dir.resolve("typed.ts")), List.of(dir), 1, typeScript);
        engine = new TestEngine(TestDatabases.settings(TestDatabases.newSchemaName()), s -> s, Map.of(),
                new GuestHandlers(ruby, python, js))
                .template("""
                        name: linear_cross
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: square, handler: { callable: Linear::Square } }
                          - { name: add_ten, handler: { callable: py:AddTen }, dependencies: [square] }
                          - { name: times_three, handler: { callable: ts:TimesThree }, dependencies: [add_ten] }
                          - { name: halve, handler: { callable: js:Halve }, dependencies: [times_three] }
                        """)
                .template("""
                        name: diamond_cross
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: diamond_start, handler: { callable: rb:Linear::Square } }
                          - { name: branch_b, handler: { callable: BranchB }, dependencies: [diamond_start] }
                          - { name: branch_c, handler: { callable: BranchC }, dependencies: [diamond_start] }
                          - { name: diamond_end, handler: { callable: AverageBranches }, dependencies: [branch_b, branch_c] }
                        """)
                .template("""
                        name: big_numbers
                        namespace_name: math
                        version: 1.0.0
                        steps:
                          - { name: huge, handler: { callable: Linear::Huge } }
                          - { name: pass_huge, handler: { callable: PassHuge }, dependencies: [huge] }
                          - { name: back_in_ruby, handler: { callable: Linear::BackInRuby }, dependencies: [pass_huge] }
                          - { name: nested_in_ts, handler: { callable: NestedInTypeScript }, dependencies: [back_in_ruby] }
                        """);
    }

    @AfterAll
    static void stop() {
        engine.close();
        js.close();
        typeScript.close();
        python.close();
        ruby.close();
        graal.close();
        TestDatabases.deleteRecursively(dir);
    }

    @Test
    void rubyThenPythonThenTypeScriptThenJavaScriptTurnsSixIntoSixtyNine() {
        TaskView task = engine.awaitEnd(engine.submit("math", "linear_cross", "{\"even_number\": 6}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("square").orElseThrow().result().asInt()).isEqualTo(36);
        assertThat(task.step("add_ten").orElseThrow().result().asInt()).isEqualTo(46);
        assertThat(task.step("times_three").orElseThrow().result().asInt()).isEqualTo(138);
        assertThat(task.step("halve").orElseThrow().result().asDouble()).isEqualTo(69.0);
    }

    @Test
    void aDiamondWithEachBranchInAnotherLanguageGivesSixtySixAndAHalf() {
        TaskView task = engine.awaitEnd(engine.submit("math", "diamond_cross", "{\"even_number\": 6}"));

        assertThat(task.state()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("branch_b").orElseThrow().result().asInt()).isEqualTo(61);
        assertThat(task.step("branch_c").orElseThrow().result().asInt()).isEqualTo(72);
        assertThat(task.step("diamond_end").orElseThrow().result().asDouble()).isEqualTo(66.5);
    }

    @Test
    void twoToTheSeventiethAndANestedResultSurviveRubyPythonRubyAndTypeScript() {
        TaskView task = engine.awaitEnd(engine.submit("math", "big_numbers", "{}"));

        assertThat(task.state()).as("steps: %s", task.steps()).isEqualTo(TaskState.COMPLETE);
        assertThat(task.step("huge").orElseThrow().result().get("value").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(task.step("pass_huge").orElseThrow().result().get("value").bigIntegerValue())
                .isEqualTo(BigInteger.TWO.pow(70).add(BigInteger.ONE));
        assertThat(task.step("back_in_ruby").orElseThrow().result().get("value").bigIntegerValue())
                .isEqualTo(BigInteger.TWO.pow(70).add(BigInteger.TWO));
        var last = task.step("nested_in_ts").orElseThrow().result();
        assertThat(last.get("nested")).isEqualTo(Json.read("{\"list\": [1, {\"deep\": \"symbol\"}], \"none\": null, \"ratio\": 0.25}"));
        assertThat(last.get("deep").asText()).isEqualTo("symbol");
    }
}
