package dev.tasker.bench.e2e;

/** The languages the harness runs its no-op handlers in, with each one's handler file. */
public enum Language {
    JAVA("java:" + NoopHandler.class.getName(), null, null),
    JAVASCRIPT("js:JsNoop", "noop.mjs", """
            import { StepHandler } from '@tasker-systems/tasker';
            export class JsNoop extends StepHandler { call() { return null; } }
            """),
    TYPESCRIPT("ts:TsNoop", "noop.ts", """
            import { StepContext, StepHandler } from '@tasker-systems/tasker';
            export class TsNoop extends StepHandler { call(_context: StepContext): null { return null; } }
            """),
    PYTHON("py:PyNoop", "noop.py", """
            from tasker_core import StepHandler


            class PyNoop(StepHandler):
                def call(self, context):
                    return None
            """),
    RUBY("rb:RbNoop", "noop.rb", """
            class RbNoop < TaskerCore::StepHandler::Base
              def call(_context) = nil
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
