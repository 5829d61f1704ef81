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

/** Python handlers: modules that import {@code tasker_core} (or {@code tasker}) and their sibling modules. */
public final class PythonRuntime extends LanguageRuntime {

    static final String LANGUAGE = "python";

    private final String prelude = new String(resource("python/tasker_core.py"), StandardCharsets.UTF_8);

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
        context.eval(Source.newBuilder("python", """
                import sys, types
                _m = types.ModuleType('tasker_core')
                _m.__file__ = '<tasker_core>'
                sys.modules['tasker_core'] = _m
                sys.modules['tasker'] = _m
                """, "tasker-bootstrap.py").buildLiteral());
        context.getBindings("python").putMember("_tasker_prelude", prelude);
        context.getBindings("python").putMember("_tasker_log", hostLog());
        context.getBindings("python").putMember("_tasker_checkpoint", new GuestCheckpoints());
        context.eval("python", "sys.modules['tasker_core'].__dict__['_tasker_log'] = _tasker_log");
        context.eval("python", "sys.modules['tasker_core'].__dict__['_tasker_checkpoint'] = _tasker_checkpoint");
        context.getBindings("python").putMember("_tasker_http", new GuestHttp());
        context.eval("python", "sys.modules['tasker_core'].__dict__['_tasker_http'] = _tasker_http");
        context.eval("python", "exec(compile(_tasker_prelude, 'tasker_core.py', 'exec'), sys.modules['tasker_core'].__dict__)");
        return context;
    }

    @Override
    protected List<String> loadFile(Context context, Path file) {
        Path root = roots.stream().filter(r -> file.toAbsolutePath().startsWith(r.toAbsolutePath())).findFirst()
                .orElse(file.getParent());
        Value load = context.eval("python", "sys.modules['tasker_core']._tasker_load");
        return names(load.execute(file.toAbsolutePath().toString(), root.toAbsolutePath().toString()).asString());
    }

    @Override
    protected List<String> registered(Context context) {
        return names(context.eval("python", "sys.modules['tasker_core']._tasker_registered()").asString());
    }

    @Override
    protected Value invokeFunction(Context context) {
        return context.eval("python", "sys.modules['tasker_core']._tasker_invoke");
    }

    private static List<String> names(String json) {
        List<String> out = new ArrayList<>();
        Json.read(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
