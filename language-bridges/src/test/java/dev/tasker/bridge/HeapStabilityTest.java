package dev.tasker.bridge;

import dev.tasker.core.api.StepResult;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 100,000 calls through one pool leave the heap after GC where it was: contexts do not accumulate garbage. */
class HeapStabilityTest {

    private static final int CALLS = 40_000;
    private static final int WARM_UP = 2_000;

    private static Path dir;
    private static Path cache;
    private static Engine engine;
    private static TypeScriptCompiler compiler;

    @BeforeAll
    static void write() throws IOException {
        dir = Files.createTempDirectory("heap-handlers");
        cache = Files.createTempDirectory("heap-ts-cache");
        Files.writeString(dir.resolve("doubler.rb"), """
                class Doubler < TaskerCore::StepHandler::Base
                  def call(context)
                    success(result: { doubled: context.get_input(:n) * 2, tags: %w[a b] })
                  end
                end
                """);
        Files.writeString(dir.resolve("doubler.py"), """
                from tasker_core import StepHandler

                class Doubler(StepHandler):
                    def call(self, context):
                        return self.success({"doubled": context.get_input("n") * 2, "tags": ["a", "b"]})
                """);
        Files.writeString(dir.resolve("doubler.ts"), """
                import { StepHandler, StepContext } from '@tasker-systems/tasker';
                export class Doubler extends StepHandler {
                  call(context: StepContext) { return this.success({ doubled: (context.getInput('n') as number) * 2, tags: ['a', 'b'] }); }
                }
                """);
        Files.writeString(dir.resolve("doubler.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Doubler extends StepHandler {
                  call(context) { return this.success({ doubled: context.getInput('n') * 2, tags: ['a', 'b'] }); }
                }
                """);
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        compiler = new TypeScriptCompiler(engine, cache);
    }

    @AfterAll
    static void close() {
        compiler.close();
        engine.close();
    }

    private static LanguageRuntime runtime(String extension) {
        List<Path> file = List.of(dir.resolve("doubler." + extension));
        return switch (extension) {
            case "rb" -> new RubyRuntime(engine, file, List.of(dir), 1);
            case "py" -> new PythonRuntime(engine, file, List.of(dir), 1);
            case "ts" -> new JsRuntime(engine, file, List.of(dir), 1, compiler);
            default -> new JsRuntime(engine, file, List.of(dir), 1);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rb", "py", "ts", "mjs"})
    void fortyThousandCallsLeaveTheHeapFlat(String extension) throws Exception {
        try (LanguageRuntime runtime = runtime(extension)) {
            var handler = new GuestHandlers(runtime).resolve("Doubler").orElseThrow();
            FakeContext ctx = FakeContext.of("{\"n\": 21}");
            for (int i = 0; i < WARM_UP; i++) {
                handler.call(ctx);
            }
            long before = heapAfterGc();
            long checksum = 0;
            for (int i = 0; i < CALLS; i++) {
                checksum += ((StepResult.Success) handler.call(ctx)).result().get("doubled").asLong();
            }
            long after = heapAfterGc();

            assertThat(checksum).isEqualTo(42L * CALLS);
            assertThat(after).as("heap after GC: %,d bytes before, %,d after %,d calls", before, after, CALLS)
                    .isLessThanOrEqualTo((long) (before * 1.10));
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
