package dev.tasker.bridge;

import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ruby handlers: classes under {@code TaskerCore::StepHandler::Base} (and Tasker's block DSL), called by constant path
 * ({@code LinearWorkflow::StepHandlers::Square}), short name or {@code handler_name}.
 * TruffleRuby needs native access (its date, time and csv are C extensions), so its sandbox is a gate in front of
 * {@code Truffle::POSIX} (the prelude's {@code sandbox.rb}), which asks the host which paths are readable, and a file
 * system that refuses the libraries making system calls of their own and any other native library.
 * <p>
 * Ruby runs in one context per JVM, which calls take in turn: TruffleRuby 25.0.0's {@code date} extension (which
 * {@code time} and most handlers use) corrupts its handles once a second context of the process calls it ("dead handle
 * 0xbad…", SIGSEGVs), and fibers ({@code Enumerator#next}, which CSV uses) break when several threads run in one
 * context at once ("attempt to resume a resumed fiber"). A call past its timeout gets an exception raised in its thread,
 * so the context, and the code it has compiled, is kept.
 */
public final class RubyRuntime extends LanguageRuntime {

    static final String LANGUAGE = "ruby";

    /** The prelude's files, in load order (each uses only those before it). */
    private static final List<String> PRELUDE = List.of("active_support.rb", "errors.rb", "sandbox.rb", "types.rb",
            "models.rb", "step_handler.rb", "functional.rb", "domain_events.rb", "host.rb");

    private final List<Source> prelude = PRELUDE.stream().map(file -> Source.newBuilder("ruby",
            new String(resource("ruby/tasker_core/" + file), StandardCharsets.UTF_8), "tasker_core/" + file).buildLiteral()).toList();

    /** Libraries of TruffleRuby's home that make system calls of their own, past the sandbox's gate. */
    private static final Pattern NATIVE_LIBRARIES = Pattern.compile(
            "/lib/(truffle|mri)/(socket|ffi|fiddle|etc|syslog|pty|io/console|io/wait)(\\.rb$|\\.so$|/)|/lib/gems/.*\\.so$");

    private final ReadablePaths readable;

    public RubyRuntime(Engine engine, List<Path> files, List<Path> roots, int poolSize) {
        super(LANGUAGE, engine, files, roots);
        Path home = realPath(resourceCache());
        readable = new ReadablePaths(readableRoots(), path -> NATIVE_LIBRARIES.matcher(path.toString()).find()
                || path.toString().endsWith(".so") && !path.startsWith(home));
        startSingleContext();
    }

    @Override
    protected Context newContext() {
        Context context = Context.newBuilder("ruby")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowCreateProcess(false)
                .allowCreateThread(true) // Ruby's Fiber (Enumerator#next, CSV) runs on a thread
                .allowNativeAccess(true)
                .allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.newBuilder().allowBindingsAccess("ruby").build())
                .allowIO(IOAccess.newBuilder().fileSystem(new SandboxFileSystem(readable)).build())
                .build();
        context.getPolyglotBindings().putMember("tasker_readable", (ProxyExecutable) args -> readable.test(args[0].asString()));
        context.getPolyglotBindings().putMember("tasker_log", hostLog());
        context.getPolyglotBindings().putMember("tasker_checkpoint", new GuestCheckpoints());
        context.getPolyglotBindings().putMember("tasker_http", new GuestHttp());
        prelude.forEach(context::eval);
        return context;
    }

    @Override
    protected List<GuestRegistration> loadFile(Context context, Path file) {
        return GuestRegistration.parse(context.eval("ruby", "TaskerCore::Host.method(:load)")
                .execute(file.toAbsolutePath().toString()).asString(), file);
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

    @Override
    protected String callInvoke(Value invoke, String handlerName, com.fasterxml.jackson.databind.JsonNode payload, long callId) {
        return invoke.execute(handlerName, PolyglotJson.toGuest(payload), callId).asString();
    }

    /** Raises TaskerCore::Host::Stopped in the Ruby thread of that call; the other calls in the context go on. */
    @Override
    protected boolean interruptSoftly(Context context, long callId) {
        try {
            return context.eval("ruby", "TaskerCore::Host.method(:interrupt)").execute(callId).asBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static List<String> names(String json) {
        List<String> out = new ArrayList<>();
        Json.read(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
