package dev.tasker.bridge;

import dev.tasker.core.handler.StepHandler;
import org.graalvm.polyglot.Engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Warm call latency of a no-op handler per language, through the whole bridge (payload JSON in, answer
 * JSON out). Not a test: run it by hand, with and without the JIT flags, e.g.
 * {@code java -cp ... dev.tasker.bridge.GuestCallLatency 20000}. Issue 9's bench module supersedes it.
 */
public final class GuestCallLatency {

    private GuestCallLatency() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("latency");
        Files.writeString(dir.resolve("noop.rb"), "class Noop < TaskerCore::StepHandler::Base\n  def call(c) = success(result: { ok: true })\nend\n");
        Files.writeString(dir.resolve("noop.py"), "from tasker_core import StepHandler\n\nclass Noop(StepHandler):\n"
                + "    def call(self, c):\n        return self.success({\"ok\": True})\n");
        Files.writeString(dir.resolve("noop.ts"), "import { StepHandler } from '@tasker-systems/tasker';\n"
                + "export class Noop extends StepHandler { call(): unknown { return this.success({ ok: true }); } }\n");
        Files.writeString(dir.resolve("noop.mjs"), "import { StepHandler } from '@tasker-systems/tasker';\n"
                + "export class Noop extends StepHandler { call() { return this.success({ ok: true }); } }\n");
        System.out.println(GuestRuntime.detect().describe());
        for (String ext : List.of("rb", "py", "ts", "mjs")) {
            try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
                 TypeScriptCompiler compiler = new TypeScriptCompiler(engine, dir.resolve("cache"))) {
                long begin = System.nanoTime();
                List<Path> file = List.of(dir.resolve("noop." + ext));
                LanguageRuntime runtime = switch (ext) {
                    case "rb" -> new RubyRuntime(engine, file, List.of(dir), 1);
                    case "py" -> new PythonRuntime(engine, file, List.of(dir), 1);
                    case "ts" -> new JsRuntime(engine, file, List.of(dir), 1, compiler);
                    default -> new JsRuntime(engine, file, List.of(dir), 1);
                };
                long ready = System.nanoTime() - begin;
                try (runtime) {
                    StepHandler handler = new GuestHandlers(runtime).resolve("Noop").orElseThrow();
                    FakeContext ctx = FakeContext.of("{\"n\": 1}");
                    long[] nanos = new long[calls];
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < calls; i++) {
                            long t = System.nanoTime();
                            handler.call(ctx);
                            nanos[i] = System.nanoTime() - t;
                        }
                    }
                    Arrays.sort(nanos);
                    System.out.printf("%-4s first context %5d ms   warm call p50 %6.1f µs  p99 %7.1f µs%n", ext, ready / 1_000_000,
                            nanos[calls / 2] / 1000.0, nanos[calls * 99 / 100] / 1000.0);
                }
            }
        }
    }
}
