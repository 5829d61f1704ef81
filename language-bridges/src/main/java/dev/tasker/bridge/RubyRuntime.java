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
 * Ruby handlers: classes under {@code TaskerCore::StepHandler::Base}, called by constant path
 * ({@code LinearWorkflow::StepHandlers::Square}), short name or {@code handler_name}.
 * TruffleRuby needs native access for {@code require}; host classes, processes and writes stay closed.
 * Contexts are created one at a time: C extensions (date, json) initialised by two Ruby contexts at once
 * bring the JVM down with Truffle's AST-sharing assertion (TruffleRuby 25.0.0, Panama NFI).
 */
public final class RubyRuntime extends LanguageRuntime {

    static final String LANGUAGE = "ruby";

    private final String prelude = new String(resource("ruby/tasker_core.rb"), StandardCharsets.UTF_8);

    public RubyRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize) {
        super(LANGUAGE, engine, files, roots);
        startPool(poolSize, 1);
    }

    @Override
    protected Context newContext() {
        Context context = Context.newBuilder("ruby")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(true)
                .allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.newBuilder().allowBindingsAccess("ruby").build())
                .allowIO(IOAccess.newBuilder().fileSystem(new SandboxFileSystem(readableRoots(), Map.of(), Map.of())).build())
                .build();
        context.getPolyglotBindings().putMember("tasker_log", hostLog());
        context.getPolyglotBindings().putMember("tasker_checkpoint", new GuestCheckpoints());
        context.getPolyglotBindings().putMember("tasker_http", new GuestHttp());
        context.eval(Source.newBuilder("ruby", prelude, "tasker_core.rb").buildLiteral());
        return context;
    }

    @Override
    protected List<String> loadFile(Context context, Path file) {
        return names(context.eval("ruby", "TaskerCore::Host.method(:load)").execute(file.toAbsolutePath().toString()).asString());
    }

    @Override
    protected List<String> registered(Context context) {
        return names(context.eval("ruby", "TaskerCore::Host.registered").asString());
    }

    /**
     * The payload goes in as polyglot objects (Ruby's JSON is the pure-Ruby parser here: the C extension does not load).
     * The answer comes back as JSON text: reading a Ruby Hash through interop iterates it with a Fiber, which this
     * context may not create.
     */
    @Override
    protected Value invokeFunction(Context context) {
        return context.eval("ruby", "TaskerCore::Host.method(:invoke)");
    }

    private static List<String> names(String json) {
        List<String> out = new ArrayList<>();
        Json.read(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
