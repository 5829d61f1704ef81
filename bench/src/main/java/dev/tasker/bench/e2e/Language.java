package dev.tasker.bench.e2e;

/** The languages of the benchmark's handler, each reading the task's {@code n} and returning {@code {n: n + 1}}, with its file. */
public enum Language {
    JAVA("java:" + ReadInputHandler.class.getName(), null, null),
    JAVASCRIPT("js:JsStep", "js_step.mjs", """
            import { StepHandler } from '@tasker-systems/tasker';
            export class JsStep extends StepHandler {
              call(context) { return this.success({ n: (context.getInput('n') ?? 0) + 1 }); }
            }
            """),
    TYPESCRIPT("ts:TsStep", "ts_step.ts", """
            import { StepContext, StepHandler, StepHandlerResult } from '@tasker-systems/tasker';
            export class TsStep extends StepHandler {
              call(context: StepContext): StepHandlerResult {
                return this.success({ n: ((context.getInput('n') as number | undefined) ?? 0) + 1 });
              }
            }
            """),
    PYTHON("py:PyStep", "py_step.py", """
            from tasker_core import StepHandler


            class PyStep(StepHandler):
                def call(self, context):
                    return self.success({"n": (context.get_input("n") or 0) + 1})
            """),
    RUBY("rb:RbStep", "rb_step.rb", """
            class RbStep < TaskerCore::StepHandler::Base
              def call(context) = success(result: { n: (context.get_input(:n) || 0) + 1 })
            end
            """);

    private final String callable;
    private final String file;
    private final String source;

    Language(String callable, String file, String source) {
        this.callable = callable;
        this.file = file;
        this.source = source;
    }

    public String callable() {
        return callable;
    }

    /** The handler file's name, or null for Java (a class on the class path). */
    public String file() {
        return file;
    }

    public String source() {
        return source;
    }

    /** The language a {@code --languages} word names ({@code java}, {@code js}, {@code ts}, {@code py}, {@code rb}), or null. */
    public static Language named(String word) {
        for (Language language : values()) {
            if (language.callable.startsWith(word + ":")) {
                return language;
            }
        }
        return null;
    }

    public String label() {
        return switch (this) {
            case JAVA -> "Java";
            case JAVASCRIPT -> "JavaScript";
            case TYPESCRIPT -> "TypeScript";
            case PYTHON -> "Python";
            case RUBY -> "Ruby";
        };
    }
}
