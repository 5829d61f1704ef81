package dev.tasker.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A warm call of a no-op handler through the whole bridge: the step in (as each language takes it), the answer out as JSON. */
@State(Scope.Benchmark)
public class GuestCallBenchmark {

    @Param({"ruby", "python", "javascript", "typescript"})
    public String language;

    private GuestHandlerFiles files;
    private StepHandler noop;
    private BenchContext context;

    @Setup(Level.Trial)
    public void load() {
        files = GuestHandlerFiles.load(language);
        noop = files.handler("Noop");
        context = new BenchContext(JsonNodeFactory.instance.objectNode().put("n", 6));
    }

    @Benchmark
    public StepResult call() throws Exception {
        return noop.call(context);
    }

    @TearDown(Level.Trial)
    public void close() {
        files.close();
    }
}
