package dev.tasker.bridge;

import org.graalvm.polyglot.Engine;

import java.nio.file.Path;
import java.util.List;

/** How to build the runtime of one guest language from the handler files. */
enum GuestLanguage {
    RUBY(RubyRuntime.LANGUAGE) {
        @Override
        List<Path> files(GuestFiles files) {
            return files.ruby();
        }

        @Override
        LanguageRuntime create(Engine engine, List<Path> files, List<Path> roots, TypeScriptCompiler typeScript) {
            return new RubyRuntime(engine, files, roots, 1);
        }
    },
    PYTHON(PythonRuntime.LANGUAGE) {
        @Override
        List<Path> files(GuestFiles files) {
            return files.python();
        }

        @Override
        LanguageRuntime create(Engine engine, List<Path> files, List<Path> roots, TypeScriptCompiler typeScript) {
            return new PythonRuntime(engine, files, roots, 1);
        }
    },
    JAVASCRIPT(JsRuntime.LANGUAGE) {
        @Override
        List<Path> files(GuestFiles files) {
            return files.javascript();
        }

        @Override
        boolean needsTypeScript(GuestFiles files) {
            return files.hasTypeScript();
        }

        @Override
        LanguageRuntime create(Engine engine, List<Path> files, List<Path> roots, TypeScriptCompiler typeScript) {
            return new JsRuntime(engine, files, roots, 1, typeScript);
        }
    };

    static final List<GuestLanguage> ALL = List.of(values());

    private final String languageName;

    GuestLanguage(String languageName) {
        this.languageName = languageName;
    }

    /** ruby, python or javascript (TypeScript runs in the JavaScript runtime). */
    String languageName() {
        return languageName;
    }

    static GuestLanguage named(String language) {
        return ALL.stream().filter(l -> l.languageName.equals(language)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guest language " + language));
    }

    abstract List<Path> files(GuestFiles files);

    boolean needsTypeScript(GuestFiles files) {
        return false;
    }

    /** A runtime with one context; the caller grows its pool. */
    abstract LanguageRuntime create(Engine engine, List<Path> files, List<Path> roots, TypeScriptCompiler typeScript);
}
