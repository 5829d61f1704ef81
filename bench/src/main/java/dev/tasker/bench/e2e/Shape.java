package dev.tasker.bench.e2e;

import java.util.List;

/**
 * A workflow shape of the harness: its template for a handler callable, how many steps a task has, and how many
 * of them run one after another (the sequential stages a task's latency is divided by).
 */
public enum Shape {
    LINEAR_1(1, 1), LINEAR_4(4, 4), LINEAR_10(10, 10), LINEAR_40(40, 40),
    DIAMOND(4, 3), FANOUT_100(102, 3), WIDE_1000(1000, 3), BATCH_1000(7, 3);

    private final int steps;
    private final int stages;

    Shape(int steps, int stages) {
        this.steps = steps;
        this.stages = stages;
    }

    public int steps() {
        return steps;
    }

    public int stages() {
        return stages;
    }

    public String templateName(Language language) {
        return name().toLowerCase() + "_" + language.name().toLowerCase();
    }

    public String label() {
        return switch (this) {
            case LINEAR_1, LINEAR_4, LINEAR_10, LINEAR_40 -> "linear " + steps;
            case DIAMOND -> "diamond";
            case FANOUT_100 -> "fan-out 1→100→1";
            case WIDE_1000 -> "wide DAG, 1,000 steps";
            case BATCH_1000 -> "batch, 1,000 rows in 5 workers";
        };
    }

    /** The template YAML, every step's handler being {@code language}'s no-op. */
    public String template(Language language) {
        StringBuilder yaml = new StringBuilder("name: ").append(templateName(language))
                .append("\nnamespace_name: bench\nversion: 1.0.0\nsteps:\n");
        String noop = language.callable();
        switch (this) {
            case LINEAR_1, LINEAR_4, LINEAR_10, LINEAR_40 -> {
                for (int i = 1; i <= steps; i++) {
                    step(yaml, "s" + i, noop, i == 1 ? List.of() : List.of("s" + (i - 1)), "");
                }
            }
            case DIAMOND -> {
                step(yaml, "top", noop, List.of(), "");
                step(yaml, "left", noop, List.of("top"), "");
                step(yaml, "right", noop, List.of("top"), "");
                step(yaml, "bottom", noop, List.of("left", "right"), "");
            }
            case FANOUT_100, WIDE_1000 -> {
                step(yaml, "root", noop, List.of(), "");
                List<String> middle = new java.util.ArrayList<>();
                for (int i = 1; i <= steps - 2; i++) {
                    middle.add("m" + i);
                    step(yaml, "m" + i, noop, List.of("root"), "");
                }
                step(yaml, "sink", noop, middle, "");
            }
            case BATCH_1000 -> {
                step(yaml, "analyze", BatchAnalyzeHandler.class.getName(), List.of(), ", type: batchable");
                step(yaml, "work", noop, List.of("analyze"), ", type: batch_worker");
                step(yaml, "total", noop, List.of("work"), ", type: deferred_convergence");
            }
        }
        return yaml.toString();
    }

    private static void step(StringBuilder yaml, String name, String callable, List<String> dependencies, String extra) {
        yaml.append("  - { name: ").append(name).append(", handler: { callable: '").append(callable).append("' }");
        if (!dependencies.isEmpty()) {
            yaml.append(", dependencies: [").append(String.join(", ", dependencies)).append(']');
        }
        yaml.append(extra).append(" }\n");
    }
}
