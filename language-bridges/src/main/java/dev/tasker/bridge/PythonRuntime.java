package dev.tasker.bridge;

import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python handlers: modules that import {@code tasker_core} (or {@code tasker}), its submodules, and each other as
 * packages below their handler directory.
 */
public final class PythonRuntime extends LanguageRuntime {

    static final String LANGUAGE = "python";

    /** The package's modules, in the order they are run (each imports only those before it), and whether a package. */
    private static final List<PreludeModule> PACKAGE = List.of(
            new PreludeModule("tasker_core", true, null),
            new PreludeModule("tasker_core._sandbox", false, "_sandbox.py"),
            new PreludeModule("tasker_core.errors", true, "errors.py"),
            new PreludeModule("tasker_core._log", false, "_log.py"),
            new PreludeModule("tasker_core.types", false, "types.py"),
            new PreludeModule("tasker_core.step_handler", true, "step_handler/__init__.py"),
            new PreludeModule("tasker_core.batch_processing", true, "batch_processing/__init__.py"),
            new PreludeModule("tasker_core.step_handler.functional", false, "step_handler/functional.py"),
            new PreludeModule("tasker_core._host", false, "_host.py"),
            new PreludeModule("tasker_core", true, "__init__.py"));

    /** Tasker's module paths that this package serves from a module above. */
    private static final Map<String, String> ALIASES = Map.of(
            "tasker", "tasker_core",
            "tasker_core.errors.error_classifier", "tasker_core.errors",
            "tasker_core.step_handler.base", "tasker_core.step_handler",
            "tasker_core.step_handler.decision", "tasker_core.step_handler",
            "tasker_core.step_handler.api", "tasker_core.step_handler",
            "tasker_core.step_handler.mixins", "tasker_core.step_handler",
            "tasker_core.batch_processing.batchable", "tasker_core.batch_processing",
            "tasker_core.handler", "tasker_core",
            "tasker_core.logging", "tasker_core._log");

    private record PreludeModule(String name, boolean isPackage, String resource) {
    }

    private static final String BOOTSTRAP = """
            import sys, types
            def _tasker_module(name, is_package):
                if name in sys.modules:
                    return sys.modules[name]
                module = types.ModuleType(name)
                module.__file__ = name.replace('.', '/') + ('/__init__.py' if is_package else '.py')
                if is_package:
                    module.__path__ = []
                sys.modules[name] = module
                parent, _, child = name.rpartition('.')
                if parent:
                    setattr(sys.modules[parent], child, module)
                return module
            def _tasker_define(name, is_package, source):
                module = _tasker_module(name, is_package)
                if source is not None:
                    exec(compile(source, module.__file__, 'exec'), module.__dict__)
            def _tasker_alias(alias, target):
                sys.modules[alias] = sys.modules[target]
                parent, _, child = alias.rpartition('.')
                if parent and parent in sys.modules:
                    setattr(sys.modules[parent], child, sys.modules[target])
            """;

    private final List<String> sources = PACKAGE.stream()
            .map(m -> m.resource() == null ? null : new String(resource("python/tasker_core/" + m.resource()), StandardCharsets.UTF_8))
            .toList();

    public PythonRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize) {
        super(LANGUAGE, engine, files, roots);
        startPool(poolSize);
    }

    @Override
    protected Context newContext() {
        Context context = Context.newBuilder("python")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowIO(IOAccess.newBuilder().fileSystem(new SandboxFileSystem(readableRoots(), Map.of(), Map.of())).build())
                .build();
        Value bindings = context.getBindings("python");
        context.eval(Source.newBuilder("python", BOOTSTRAP, "tasker-bootstrap.py").buildLiteral());
        Value define = bindings.getMember("_tasker_define");
        define.execute("tasker_core", true, null);
        Value root = context.eval("python", "sys.modules['tasker_core'].__dict__");
        root.putHashEntry("_tasker_log", hostLog());
        root.putHashEntry("_tasker_checkpoint", new GuestCheckpoints());
        root.putHashEntry("_tasker_http", new GuestHttp());
        for (int i = 0; i < PACKAGE.size(); i++) {
            PreludeModule module = PACKAGE.get(i);
            define.execute(module.name(), module.isPackage(), sources.get(i));
        }
        Value alias = bindings.getMember("_tasker_alias");
        ALIASES.forEach(alias::execute);
        return context;
    }

    @Override
    protected List<GuestRegistration> loadFile(Context context, Path file) {
        Path root = roots.stream().filter(r -> file.toAbsolutePath().startsWith(r.toAbsolutePath())).findFirst()
                .orElse(file.getParent());
        Value load = context.eval("python", "sys.modules['tasker_core._host'].load");
        String answer = load.execute(file.toAbsolutePath().toString(), root.toAbsolutePath().toString()).asString();
        com.fasterxml.jackson.databind.JsonNode parsed = Json.read(answer);
        if (parsed.has("load_error")) {
            throw new GuestLoadError(parsed.get("load_error").asText());
        }
        return GuestRegistration.parse(answer, file);
    }

    @Override
    protected List<String> registered(Context context) {
        List<String> out = new ArrayList<>();
        Json.read(context.eval("python", "sys.modules['tasker_core._host'].registered()").asString())
                .forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    protected Value invokeFunction(Context context) {
        return context.eval("python", "sys.modules['tasker_core._host'].invoke");
    }
}
