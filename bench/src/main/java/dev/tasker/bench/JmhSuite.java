package dev.tasker.bench;

import dev.tasker.bench.jmh.GuestCallBenchmark;
import dev.tasker.bench.jmh.ReadinessBenchmark;
import dev.tasker.bench.jmh.ValueConversionBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JMH micro-benchmarks, each in its own forked JVM: guest calls with the JIT and without, conversion, readiness. */
final class JmhSuite {

    private static final String CALLS = "Handler calls (JMH, µs, p50 of sampled calls)";
    private static final String READINESS = "Readiness in memory (JMH, µs per task)";
    private static final List<String> BASE_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
            "-Djava.util.logging.config.file=/dev/null");

    private final Report report;
    private final Plan plan;
    private final Path jitDir;

    JmhSuite(Report report, Plan plan, Path root) {
        this.report = report;
        this.plan = plan;
        this.jitDir = root.resolve("host/target/jit");
    }

    void run() throws Exception {
        boolean jitAvailable = Files.isDirectory(jitDir);
        for (boolean jit : jitAvailable ? new boolean[] {true, false} : new boolean[] {false}) {
            String mode = jit ? "JIT" : "interpreted";
            // Ruby and Python need tens of seconds of calls before the JIT has compiled their call path
            for (RunResult r : run(GuestCallBenchmark.class, jit, jit ? 10 : 2, jit ? 3 : 2)) {
                double p50 = r.getPrimaryResult().getStatistics().getPercentile(50);
                String measure = "warm no-op call, " + r.getParams().getParam("language") + ", " + mode;
                if (jit) {
                    report.atMost(CALLS, measure, p50, "µs", 20);
                } else {
                    report.add(CALLS, measure, p50, "µs");
                }
            }
        }
        for (RunResult r : run(ValueConversionBenchmark.class, jitAvailable, jitAvailable ? 5 : 2, 2)) {
            report.add(CALLS, "echo of a " + r.getParams().getParam("kilobytes") + " KB payload, "
                    + r.getParams().getParam("language") + (jitAvailable ? ", JIT" : ", interpreted"),
                    r.getPrimaryResult().getStatistics().getPercentile(50), "µs");
        }
        for (RunResult r : run(ReadinessBenchmark.class, false, 2, 2)) {
            report.add(READINESS, r.getParams().getParam("steps") + "-step layered DAG: "
                    + (r.getPrimaryResult().getLabel().equals("dag") ? "template DAG" : "new task with pending-parent counts"),
                    r.getPrimaryResult().getStatistics().getPercentile(50), "µs");
        }
    }

    private Collection<RunResult> run(Class<?> benchmark, boolean jit, int warmUpIterations, int iterations) throws Exception {
        List<String> flags = new ArrayList<>(BASE_FLAGS);
        if (jit) {
            flags.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + jitDir));
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName())
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(warmUpIterations)
                .warmupTime(TimeValue.seconds(plan.jmhWarmUpSeconds()))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(plan.jmhMeasureSeconds()))
                .jvmArgs(flags.toArray(String[]::new))
                .shouldFailOnError(true);
        return new Runner(options.build()).run();
    }
}
