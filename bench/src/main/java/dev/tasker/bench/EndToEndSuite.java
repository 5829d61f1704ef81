package dev.tasker.bench;

import dev.tasker.bench.e2e.ColdStart;
import dev.tasker.bench.e2e.CommitFloor;
import dev.tasker.bench.e2e.CommitsRun;
import dev.tasker.bench.e2e.CreationRun;
import dev.tasker.bench.e2e.Language;
import dev.tasker.bench.e2e.LatencyRun;
import dev.tasker.bench.e2e.Machine;
import dev.tasker.bench.e2e.ServedEngine;
import dev.tasker.bench.e2e.SoakRun;
import dev.tasker.bench.e2e.Shape;
import dev.tasker.bench.e2e.ThroughputRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./tasker serve} on real PostgreSQL, through its REST API, with handlers that read their input and return a
 * result: latency, throughput, creation, commits per step, CPU, memory, a soak, and the commit floor of the same run.
 */
final class EndToEndSuite {

    private static final String LATENCY = "Latency, one task in flight (ms)";
    private static final String THROUGHPUT = "Throughput, 50 tasks in flight";
    private static final String DATABASE = "PostgreSQL";
    private static final String PROCESS = "Process";

    private static final Map<Shape, int[]> LATENCY_COUNTS = Map.of(
            Shape.LINEAR_1, new int[] {50, 200}, Shape.LINEAR_4, new int[] {50, 200}, Shape.LINEAR_10, new int[] {50, 200},
            Shape.LINEAR_40, new int[] {20, 50}, Shape.DIAMOND, new int[] {50, 200}, Shape.FANOUT_100, new int[] {10, 30},
            Shape.WIDE_1000, new int[] {3, 10}, Shape.BATCH_1000, new int[] {5, 20});

    private final Report report;
    private final Plan plan;
    private final String databaseUrl;
    private final Path root;
    private final java.util.Set<Language> languages;

    EndToEndSuite(Report report, Plan plan, Path root, String databaseUrl, java.util.Set<Language> languages) {
        this.root = root;
        this.report = report;
        this.plan = plan;
        this.databaseUrl = databaseUrl;
        this.languages = languages;
    }

    /** @param parts of latency, throughput, commits, floor, creation, soak */
    void run(java.util.Set<String> parts) throws Exception {
        try (ServedEngine engine = ServedEngine.start(root, databaseUrl)) {
            report.environment("database", engine.isEmbedded() ? "embedded PostgreSQL (durable defaults)" : engine.url().redacted());
            report.environment("server", "./tasker serve in its own process, driven through the REST API");
            report.add(PROCESS, "start to ready, the benchmark's handlers (all five languages)", engine.secondsToReady(), "s");
            if (parts.contains("latency") && languages.contains(Language.JAVASCRIPT)) {
                record(new LatencyRun(engine).justStarted(Language.JAVASCRIPT, 300, plan.times(50)), "just after start");
            }
            warmUp(engine);
            if (parts.contains("floor")) {
                floor(engine);
            }
            if (parts.contains("latency")) {
                latency(engine);
            }
            if (parts.contains("creation")) {
                Percentiles creation = new CreationRun(engine).run(plan.times(1000), plan.times(plan.creationCount()));
                report.atMost(LATENCY, "task creation through POST /v1/tasks, 10 steps, p50", creation.p50(), "ms", 2);
                report.add(LATENCY, "task creation through POST /v1/tasks, 10 steps, p99", creation.p99(), "ms");
            }
            if (parts.contains("throughput")) {
                throughput(engine);
            }
            if (parts.contains("commits")) {
                commits(engine);
            }
            report.add(PROCESS, "server RSS after the runs above", Machine.memoryMb(engine.pid(), "VmRSS"), "MB");
            report.atMost(PROCESS, "server peak RSS (VmHWM), default heap and pools", Machine.memoryMb(engine.pid(), "VmHWM"),
                    "MB", 1024);
            if (parts.contains("soak")) {
                SoakRun.Result soak = new SoakRun(engine, languages).run(plan.soak());
                report.add(PROCESS, "soak: minutes of sustained load, guest languages in turn", soak.minutes(), "min");
                report.add(PROCESS, "soak: steps completed", soak.steps(), "");
                report.add(PROCESS, "soak: server RSS after the first tenth of the run", soak.firstRssMb(), "MB");
                report.add(PROCESS, "soak: server RSS, the highest sample", soak.maxRssMb(), "MB");
                report.atMost(PROCESS, "soak: server RSS at the end", soak.lastRssMb(), "MB", 1024);
                report.atMost(PROCESS, "soak: server RSS growth over the last nine tenths", soak.lastRssMb() - soak.firstRssMb(), "MB", 64);
            }
        }
    }

    /** Every language under load in turn, for the plan's warm-up, so that the measured parts find the compilers done. */
    private void warmUp(ServedEngine engine) throws Exception {
        java.time.Duration slice = plan.warmUp().dividedBy(languages.size());
        for (Language language : languages) {
            new ThroughputRun(engine).run(Shape.LINEAR_10, language, 50, java.time.Duration.ZERO, slice);
        }
        report.environment("warm-up before the measured parts", plan.warmUp().toSeconds() + " s of load, every language in turn");
    }

    private void floor(ServedEngine engine) throws Exception {
        CommitFloor.pgbenchMs(engine.dataSource(), engine.isEmbedded() ? null : engine.url(), plan.floorSeconds()).ifPresent(ms ->
                report.add(DATABASE, "commit floor: pgbench, 1 client, simple-update, latency average", ms, "ms"));
        report.add(DATABASE, "commit floor: one-row UPDATE per transaction over JDBC, 1 client", CommitFloor.jdbcMs(engine.dataSource(),
                plan.floorSeconds()), "ms");
    }

    private void latency(ServedEngine engine) throws Exception {
        LatencyRun run = new LatencyRun(engine);
        if (languages.contains(Language.JAVA)) {
            for (Shape shape : Shape.values()) {
                int[] counts = LATENCY_COUNTS.get(shape);
                record(run.run(shape, Language.JAVA, plan.times(counts[0]), plan.times(counts[1])), "");
            }
        }
        for (Language language : languages) {
            if (language != Language.JAVA) {
                record(run.run(Shape.LINEAR_10, language, plan.times(100), plan.times(200)), "");
            }
        }
    }

    /** Per-stage p50 targets, on linear 10: 1.5 ms for Java, JavaScript and TypeScript, 1.5 times that for Python and Ruby. */
    private void record(LatencyRun.Result r, String when) {
        String what = r.shape().label() + ", " + r.language().label() + (when.isEmpty() ? "" : " (" + when + ")");
        double target = r.language() == Language.PYTHON || r.language() == Language.RUBY ? 2.25 : 1.5;
        if (r.shape() == Shape.LINEAR_10) {
            report.atMost(LATENCY, what + ": per stage p50", r.perStageMs().p50(), "ms", target);
        } else {
            report.add(LATENCY, what + ": per stage p50", r.perStageMs().p50(), "ms");
        }
        report.add(LATENCY, what + ": per stage p95", r.perStageMs().p95(), "ms");
        report.add(LATENCY, what + ": per stage p99", r.perStageMs().p99(), "ms");
        report.add(LATENCY, what + ": per task p50", r.perTaskMs().p50(), "ms");
        report.add(LATENCY, what + ": per task p99", r.perTaskMs().p99(), "ms");
    }

    private void throughput(ServedEngine engine) throws Exception {
        ThroughputRun run = new ThroughputRun(engine);
        for (Language language : languages) {
            record(run.run(Shape.LINEAR_10, language, 50, plan.throughputWarmUp(), plan.throughputWindow()));
        }
        if (languages.contains(Language.JAVA)) {
            record(run.run(Shape.FANOUT_100, Language.JAVA, 50, plan.throughputWarmUp(), plan.throughputWindow()));
        }
    }

    private void record(ThroughputRun.Result r) {
        String what = r.shape().label() + ", " + r.language().label();
        report.atLeast(THROUGHPUT, what + ": steps/s", r.stepsPerSecond(), "steps/s", 3000);
        report.add(THROUGHPUT, what + ": tasks/s", r.tasksPerSecond(), "tasks/s");
        report.add(THROUGHPUT, what + ": CPU s per 1,000 steps, the server", r.serverCpuPerThousandSteps(), "s");
        report.add(THROUGHPUT, what + ": CPU s per 1,000 steps, whole machine", r.machineCpuPerThousandSteps(), "s");
    }

    private void commits(ServedEngine engine) throws Exception {
        CommitsRun.Result r = new CommitsRun(engine).run(Shape.LINEAR_10, Language.JAVA, plan.times(300), 50);
        report.add(DATABASE, "commits per step (pg_stat_database.xact_commit), linear 10, Java", r.commitsPerStep(), "");
        report.add(DATABASE, "write transactions per step (transaction ids), linear 10, Java", r.writeTransactionsPerStep(), "");
    }

    /** Process start to ready, with the example handlers of all three languages, through the launcher. */
    void coldStart(Path root) throws Exception {
        Path home = Files.createTempDirectory("tasker-bench-cold");
        try (ColdStart cold = new ColdStart(root, databaseUrl, home)) {
            cold.run(true);
            for (boolean jit : new boolean[] {true, false}) {
                ColdStart.Result r = cold.run(jit);
                String mode = jit ? "JIT" : "interpreted";
                report.atMost(PROCESS, "start to ready, Ruby + Python + TypeScript examples, " + mode, r.secondsToReady(), "s", 6);
                report.atMost(PROCESS, "RSS when ready, " + mode, r.rssMb(), "MB", 1024);
            }
        }
        dev.tasker.db.embedded.ThrowawayPostgres.deleteRecursively(home);
    }
}
