package dev.tasker.bench;

import dev.tasker.bench.e2e.BenchEngine;
import dev.tasker.bench.e2e.ColdStart;
import dev.tasker.bench.e2e.CommitFloor;
import dev.tasker.bench.e2e.CommitsRun;
import dev.tasker.bench.e2e.CreationRun;
import dev.tasker.bench.e2e.Language;
import dev.tasker.bench.e2e.LatencyRun;
import dev.tasker.bench.e2e.Machine;
import dev.tasker.bench.e2e.Shape;
import dev.tasker.bench.e2e.ThroughputRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The real engine on real PostgreSQL: latency, throughput, creation, commits per step, CPU, memory, the commit floor. */
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
    private final java.util.Set<Language> languages;

    EndToEndSuite(Report report, Plan plan, String databaseUrl, java.util.Set<Language> languages) {
        this.report = report;
        this.plan = plan;
        this.databaseUrl = databaseUrl;
        this.languages = languages;
    }

    /** @param parts of latency, throughput, commits, floor, creation */
    void run(java.util.Set<String> parts) throws Exception {
        try (BenchEngine engine = BenchEngine.start(databaseUrl, 16)) {
            report.environment("database", engine.server().database().isEmbedded() ? "embedded PostgreSQL (durable defaults)"
                    : engine.server().database().url().redacted());
            Machine.awaitIdle(120);
            if (parts.contains("latency")) {
                latency(engine);
            }
            if (parts.contains("throughput")) {
                throughput(engine);
            }
            if (parts.contains("commits")) {
                commits(engine);
            }
            if (parts.contains("floor")) {
                floor(engine);
            }
            if (parts.contains("creation")) {
                Percentiles creation = new CreationRun(engine).run(plan.times(1000), plan.times(plan.creationCount()));
                report.atMost(LATENCY, "task creation through POST /v1/tasks, 10 steps, p50", creation.p50(), "ms", 2);
                report.add(LATENCY, "task creation through POST /v1/tasks, 10 steps, p99", creation.p99(), "ms");
            }
            report.add(PROCESS, "peak RSS of the benchmark JVM (engine, all languages, default heap)",
                    Machine.memoryMb(ProcessHandle.current().pid(), "VmHWM"), "MB");
        }
    }

    private void floor(BenchEngine engine) throws Exception {
        var db = engine.server().database();
        CommitFloor.pgbenchMs(db.dataSource(), db.isEmbedded() ? null : db.url(), plan.floorSeconds()).ifPresent(ms ->
                report.add(DATABASE, "commit floor: pgbench, 1 client, simple-update, latency average", ms, "ms"));
        report.add(DATABASE, "commit floor: one-row UPDATE per transaction over JDBC, 1 client", CommitFloor.jdbcMs(db.dataSource(),
                plan.floorSeconds()), "ms");
    }

    private void latency(BenchEngine engine) throws Exception {
        LatencyRun run = new LatencyRun(engine);
        for (Shape shape : Shape.values()) {
            int[] counts = LATENCY_COUNTS.get(shape);
            record(run.run(shape, Language.JAVA, plan.times(counts[0]), plan.times(counts[1])));
        }
        for (Language language : languages) {
            if (language != Language.JAVA) {
                record(run.run(Shape.LINEAR_10, language, plan.times(100), plan.times(200)));
            }
        }
    }

    private void record(LatencyRun.Result r) {
        String what = r.shape().label() + ", " + r.language().label();
        report.atMost(LATENCY, what + ": per stage p50", r.perStageMs().p50(), "ms", 2);
        report.add(LATENCY, what + ": per stage p95", r.perStageMs().p95(), "ms");
        report.add(LATENCY, what + ": per stage p99", r.perStageMs().p99(), "ms");
        report.add(LATENCY, what + ": per task p50", r.perTaskMs().p50(), "ms");
        report.add(LATENCY, what + ": per task p99", r.perTaskMs().p99(), "ms");
    }

    private void throughput(BenchEngine engine) throws Exception {
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
        report.atLeast(THROUGHPUT, what + ": steps/s", r.stepsPerSecond(), "steps/s", 5000);
        report.add(THROUGHPUT, what + ": tasks/s", r.tasksPerSecond(), "tasks/s");
        report.add(THROUGHPUT, what + ": CPU s per 1,000 steps, this JVM", r.jvmCpuPerThousandSteps(), "s");
        report.add(THROUGHPUT, what + ": CPU s per 1,000 steps, whole machine", r.machineCpuPerThousandSteps(), "s");
    }

    private void commits(BenchEngine engine) throws Exception {
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
