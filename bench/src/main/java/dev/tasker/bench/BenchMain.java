package dev.tasker.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./tasker bench [--quick] [--only e2e|cold|jmh]}: runs the benchmarks and writes the figures, each beside
 * its DESIGN §9 target, to {@code bench/results/} as markdown and JSON. Uses {@code TASKER_DATABASE_URL}, else an
 * embedded PostgreSQL.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        Plan plan = list.contains("--quick") ? Plan.QUICK : Plan.FULL;
        int only = list.indexOf("--only");
        String part = only >= 0 && only + 1 < list.size() ? list.get(only + 1) : "all";
        if (!List.of("all", "e2e", "cold", "jmh").contains(part)) {
            System.err.println("tasker bench: --only takes e2e, cold or jmh, not '" + part + "'");
            System.exit(2);
        }
        Path root = Path.of(System.getenv().getOrDefault("TASKER_REPOSITORY_ROOT", ".")).toAbsolutePath().normalize();
        String databaseUrl = System.getenv("TASKER_DATABASE_URL");
        Report report = new Report();
        report.environment("started", Instant.now().toString());
        report.environment("plan", plan == Plan.QUICK ? "quick" : "full");
        report.environment("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (part.equals("all") || part.equals("e2e")) {
            new EndToEndSuite(report, plan, databaseUrl).run();
        }
        if (part.equals("all") || part.equals("cold")) {
            new EndToEndSuite(report, plan, databaseUrl).coldStart(root);
        }
        if (part.equals("all") || part.equals("jmh")) {
            new JmhSuite(report, plan, root).run();
        }
        Path written = report.write(root.resolve("bench/results"));
        System.out.println("Results: " + written + " (and latest.md, latest.json beside it)");
        System.exit(0);
    }
}
