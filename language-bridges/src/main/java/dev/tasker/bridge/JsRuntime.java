package dev.tasker.bridge;

import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JavaScript handlers: ES modules that import {@code '@tasker-systems/tasker'} (or {@code 'tasker'}) and each
 * other by relative path.
 */
public final class JsRuntime extends LanguageRuntime {

    static final String LANGUAGE = "javascript";
    private static final String MODULE = "application/javascript+module";

    private final byte[] prelude = resource("js/tasker.mjs");
    private final byte[] fs = resource("js/fs.mjs");
    private final TypeScriptCompiler typeScript;
    private final TypeScriptLines typeScriptLines = new TypeScriptLines();

    public JsRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize) {
        this(engine, files, roots, poolSize, null);
    }

    /** With a compiler, {@code .ts} files load too (and JavaScript may import them). */
    public JsRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize, TypeScriptCompiler typeScript) {
        super(LANGUAGE, engine, indexFilesLast(files), roots);
        this.typeScript = typeScript;
        startPool(poolSize);
    }

    @Override
    protected Context newContext() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowIO(IOAccess.newBuilder().fileSystem(new SandboxFileSystem(new ReadablePaths(roots),
                        Map.of("@tasker-systems/tasker", "tasker.mjs", "tasker", "tasker.mjs", "fs", "fs.mjs", "node:fs", "fs.mjs"),
                        Map.of("tasker.mjs", prelude, "fs.mjs", fs), typeScript == null ? null : this::transpiled)).build())
                .option("js.esm-eval-returns-exports", "true")
                .build();
        context.getBindings("js").putMember("__tasker_log", hostLog());
        context.getBindings("js").putMember("__tasker_checkpoint", new GuestCheckpoints());
        context.getBindings("js").putMember("__tasker_http", new GuestHttp());
        context.getBindings("js").putMember("__tasker_read_file", new GuestFileReader(roots));
        context.eval(Source.newBuilder("js", "import 'tasker';", "tasker-bootstrap.mjs").mimeType(MODULE).buildLiteral());
        return context;
    }

    private byte[] transpiled(Path file, byte[] source) {
        return transpile(file, new String(source, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private String transpile(Path file, String source) {
        return typeScriptLines.remember(file, typeScript.transpile(file, source)).javascript();
    }

    /**
     * Imports the file as a module (the same instance that other modules importing it get, so that a class and its
     * re-exports are one handler) and registers the handler classes it exports.
     */
    @Override
    protected List<GuestRegistration> loadFile(Context context, Path file) throws IOException {
        if (file.toString().endsWith(".ts")) {
            if (typeScript == null) {
                throw new IOException("TypeScript is not enabled for this runtime");
            }
            transpile(file, Files.readString(file)); // a syntax error is reported with its line; the import reads the cached output
        }
        Value namespace = context.eval(Source.newBuilder("js", "import * as handlers from " + Json.write(file.toAbsolutePath().toString())
                + ";\nexport default handlers;", "tasker-load.mjs").mimeType(MODULE).build()).getMember("default");
        return GuestRegistration.parse(context.eval("js", "globalThis.__tasker.register").execute(namespace, file.toString())
                .asString(), file);
    }

    /** Folder index files re-export the files beside them; loaded after those, the handlers are registered for their own files. */
    private static List<Path> indexFilesLast(List<Path> files) {
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(java.util.Comparator.comparing((Path f) -> f.getFileName().toString().matches("index\\.(ts|js|mjs)")));
        return ordered;
    }

    @Override
    protected List<String> registered(Context context) {
        return names(context.eval("js", "globalThis.__tasker.registered()").asString());
    }

    @Override
    protected Value invokeFunction(Context context) {
        return context.eval("js", "globalThis.__tasker.invoke");
    }

    /** JavaScript takes the payload as JSON text, which its built-in {@code JSON.parse} reads natively. */
    @Override
    protected String callInvoke(Value invoke, String handlerName, com.fasterxml.jackson.databind.JsonNode payload, long callId) {
        AtomicReference<String> answer = new AtomicReference<>();
        invoke.execute(handlerName, payload.toString(), (ProxyExecutable) args -> {
            answer.set(args[0].asString());
            return null;
        });
        return typeScriptLines.remap(answer.get());
    }

    @Override
    protected String describeLoadError(PolyglotException e, Path file) {
        return typeScriptLines.remap(super.describeLoadError(e, file));
    }

    private static List<String> names(String json) {
        List<String> out = new ArrayList<>();
        Json.read(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
