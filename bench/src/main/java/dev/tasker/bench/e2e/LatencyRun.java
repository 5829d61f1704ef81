package dev.tasker.bench.e2e;

import dev.tasker.bench.Percentiles;

import java.util.UUID;
import java.time.Duration;

/**
 * One task in flight at a time, created through {@code POST /v1/tasks}: how long a task takes from its {@code created_at}
 * to its {@code completed_at} (the server's clock, as a user reading the task sees it), and that divided by its
 * sequential stages.
 */
public final class LatencyRun {

    /** @param perTaskMs and perStageMs in milliseconds */
    public record Result(Shape shape, Language language, Percentiles perTaskMs, Percentiles perStageMs) {
    }

    private final ServedEngine engine;

    public LatencyRun(ServedEngine engine) {
        this.engine = engine;
    }

    public Result run(Shape shape, Language language, int warmUp, int measured) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            once(shape, language);
        }
        double[] perTask = new double[measured];
        double[] perStage = new double[measured];
        for (int i = 0; i < measured; i++) {
            perTask[i] = once(shape, language);
            perStage[i] = perTask[i] / shape.stages();
        }
        return new Result(shape, language, Percentiles.of(perTask), Percentiles.of(perStage));
    }

    /**
     * On a server that has just started: {@code created} tasks from 8 clients at once, then {@code measured} tasks one
     * at a time (what a user trying the server sees in its first minute, the JIT still compiling).
     */
    public Result justStarted(Language language, int created, int measured) throws Exception {
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < created; i++) {
                all.add(clients.submit(() -> engine.awaitEnd(engine.submit(Shape.LINEAR_10, language), Duration.ofMinutes(2))));
            }
            for (var f : all) {
                f.get();
            }
        }
        return run(Shape.LINEAR_10, language, 0, measured);
    }

    private double once(Shape shape, Language language) throws Exception {
        UUID task = engine.submit(shape, language);
        ServedEngine.Ended end = engine.awaitEnd(task, Duration.ofMinutes(2));
        if (!end.complete()) {
            throw new IllegalStateException(shape.templateName(language) + " task " + task + " did not complete");
        }
        return end.millis();
    }
}
