package dev.tasker.bench;

import dev.tasker.bench.e2e.Language;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./tasker bench [--quick] [--only PART,...] [--languages java,js,ts,py,rb]}: runs the benchmarks and writes the figures, each beside
 * its DESIGN §9 target, to {@code bench/results/} as markdown and JSON. Uses {@code TASKER_DATABASE_URL}, else an
 * embedded PostgreSQL.
 */
public final class BenchMain {

    private static final String USAGE = """
            Usage: tasker bench [--quick] [--only PART,...] [--languages java,js,ts,py,rb]
            Runs the benchmarks against a ./tasker serve it starts (TASKER_DATABASE_URL, else an embedded PostgreSQL)
            and writes bench/results/<time>.md and .json (and latest.md, latest.json).
              --quick       shorter runs: the same figures, with less confidence
              --only        some of latency,throughput,commits,floor,creation,soak,cold,jmh (default: all)
              --languages   the handler languages to measure (default: all five)""";

    private BenchMain() {
    }

    private interface Part {
        void run() throws Exception;
    }

    private static boolean failed;

    /** A part that fails is reported as failed, with its error; the others still run and the results are written. */
    private static void attempt(Report report, String name, Part part) {
        try {
            part.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            report.environment("FAILED: " + name, e.toString());
            failed = true;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        Plan plan = options.quick() ? Plan.QUICK : Plan.FULL;
        Set<String> parts = options.parts();
        Set<Language> languages = options.languages();
        Path root = Path.of(System.getenv().getOrDefault("TASKER_REPOSITORY_ROOT", ".")).toAbsolutePath().normalize();
        String databaseUrl = System.getenv("TASKER_DATABASE_URL");
        Report report = new Report();
        report.environment("started", Instant.now().toString());
        report.environment("plan", plan == Plan.QUICK ? "quick" : "full");
        report.environment("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        // JMH first: its forks talk to this JVM over Java serialization, which Helidon's serial filter (set when the
        // engine's server starts) refuses for the rest of the JVM's life
        if (parts.contains("jmh")) {
            attempt(report, "jmh", () -> new JmhSuite(report, plan, root).run());
        }
        Set<String> engineParts = new LinkedHashSet<>(parts);
        engineParts.retainAll(List.of("latency", "throughput", "commits", "floor", "creation", "soak"));
        if (!engineParts.isEmpty()) {
            attempt(report, "engine", () -> new EndToEndSuite(report, plan, root, databaseUrl, languages).run(engineParts));
        }
        if (parts.contains("cold")) {
            attempt(report, "cold", () -> new EndToEndSuite(report, plan, root, databaseUrl, languages).coldStart(root));
        }
        Path written = report.write(root.resolve("bench/results"));
        System.out.println("Results: " + written + " (and latest.md, latest.json beside it)");
        System.exit(failed ? 1 : 0);
    }
}
