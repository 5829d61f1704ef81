package dev.tasker.loader;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.api.StepResult;
import dev.tasker.core.template.TaskTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One handler directory of every language and some templates, loaded as {@code tasker serve} loads it. */
class LoadedHandlersTest {

    private static Path dir;
    private static LoadedHandlers loaded;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("handler-dir").toRealPath();
        write("ruby/linear.rb", """
                module LinearWorkflow
                  module StepHandlers
                    class RubySquare < TaskerCore::StepHandler::Base
                      def call(context) = context.get_input(:n)**2
                    end
                  end
                end
                step_handler('ruby_cube') { |context| context.get_input(:n)**3 }
                """);
        write("linear_workflow/step_handlers.py", """
                from tasker_core import StepHandler


                class PythonSquare(StepHandler):
                    handler_name = "python_square_by_name"

                    def call(self, context):
                        return context.get_input("n") ** 2
                """);
        write("ts/square.ts", """
                import { StepHandler, StepContext } from '@tasker-systems/tasker';
                export class TypeScriptSquare extends StepHandler {
                  call(c: StepContext): number { return (c.getInput('n') as number) ** 2; }
                }
                """);
        write("js/square.mjs", """
                import { StepHandler } from '@tasker-systems/tasker';
                export class JavaScriptSquare extends StepHandler { call(c) { return c.getInput('n') ** 2; } }
                """);
        write("ruby/twice.rb", "class Twice < TaskerCore::StepHandler::Base\n  def call(context) = 'ruby'\nend\n");
        write("js/twice.mjs", """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Twice extends StepHandler { call() { return 'javascript'; } }
                """);
        write("ruby/broken.rb", "class Broken < TaskerCore::StepHandler::Base\n  def call(context\n    1\n  end\nend\n");
        write("python/broken.py", "from tasker_core import StepHandler\n\nclass Broken(StepHandler):\n    def call(self:\n        pass\n");
        write("ts/broken.ts", "export class Broken {\n  call(: number) { return 1; }\n}\n");
        write("templates/good.yaml", """
                name: squares
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: ruby, handler: { callable: LinearWorkflow::StepHandlers::RubySquare } }
                  - { name: python, handler: { callable: linear_workflow.step_handlers.PythonSquare } }
                  - { name: ts, handler: { callable: TypeScriptSquare } }
                  - { name: java, handler: { callable: dev.tasker.loader.JavaSquare } }
                """);
        write("templates/ambiguous.yaml", """
                name: ambiguous
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: twice, handler: { callable: Twice } }
                """);
        write("templates/missing.yaml", """
                name: missing
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: first, handler: { callable: rb:RubySquare } }
                  - { name: gone, handler: { callable: NoSuchHandler }, dependencies: [first] }
                """);
        write("templates/again.yml", """
                name: squares
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: ruby, handler: { callable: RubySquare } }
                """);
        loaded = LoadedHandlers.load(List.of(dir), new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test");
    }

    private static void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @AfterAll
    static void close() {
        loaded.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "LinearWorkflow::StepHandlers::RubySquare, 49",   // Ruby constant path
            "RubySquare, 49",                                  // its class name
            "rb:RubySquare, 49",                               // with the language prefix
            "ruby_cube, 343",                                  // Ruby functional registration
            "linear_workflow.step_handlers.PythonSquare, 49",  // Python dotted path from the handler directory
            "python_square_by_name, 49",                       // Python handler_name
            "py:PythonSquare, 49",
            "TypeScriptSquare, 49",                            // exported TypeScript class
            "ts:TypeScriptSquare, 49",
            "JavaScriptSquare, 49",                            // exported JavaScript class
            "js:JavaScriptSquare, 49",
            "dev.tasker.loader.JavaSquare, 49",                // Java class name
            "java:dev.tasker.loader.JavaSquare, 49",
    })
    void eachResolutionRuleFindsItsHandler(String callable, long expected) throws Exception {
        var handler = loaded.resolver().resolve(callable);

        assertThat(handler).as(callable).isPresent();
        StepResult.Success result = (StepResult.Success) handler.get().call(InputOnlyContext.of("{\"n\": 7}"));
        assertThat(result.result().asLong()).isEqualTo(expected);
    }

    @Test
    void aNameTwoLanguagesRegisterIsAmbiguousAndNamesBothFilesButAPrefixPicksOne() throws Exception {
        assertThat(loaded.resolver().resolve("Twice")).isEmpty();
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(dir.resolve("templates/ambiguous.yaml") + ": template math/ambiguous@1.0.0, step 'twice': "
                        + "handler callable 'Twice' is ambiguous")
                .contains(dir.resolve("ruby/twice.rb") + " (ruby)")
                .contains(dir.resolve("js/twice.mjs") + " (javascript)"));
        var ruby = (StepResult.Success) loaded.resolver().resolve("rb:Twice").orElseThrow().call(InputOnlyContext.of("{}"));
        assertThat(ruby.result().asText()).isEqualTo("ruby");
    }

    @Test
    void aTemplateNamingAMissingCallableIsRefusedWithTheStepAndCallable() {
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).isEqualTo(dir.resolve("templates/missing.yaml")
                + ": template math/missing@1.0.0, step 'gone': handler callable 'NoSuchHandler' resolves to no handler "
                + "(no Ruby, Python, TypeScript or JavaScript file registers it, and no Java class of that name implements StepHandler)"));
        assertThat(loaded.templates().templates()).extracting(TaskTemplate::name).containsExactly("squares");
    }

    @Test
    void aTemplateDefinedTwiceIsReportedWithBothFiles() {
        assertThat(loaded.problems()).contains(dir.resolve("templates/good.yaml")
                + ": template math/squares@1.0.0 is also defined in " + dir.resolve("templates/again.yml")
                + "; give one of them another version");
    }

    @Test
    void syntaxErrorsInRubyPythonAndTypeScriptNameFileAndLineWhileTheOthersLoad() {
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("ruby/broken.rb") + ":"));
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).isEqualTo(dir.resolve("python/broken.py") + ":4: SyntaxError: '(' was never closed"));
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("ts/broken.ts") + ":2: SyntaxError"));
        assertThat(loaded.resolver().resolve("Broken")).isEmpty();
        assertThat(loaded.resolver().resolve("RubySquare")).isPresent();
    }
}
