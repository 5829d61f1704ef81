package dev.tasker.bench.e2e;

import dev.tasker.bench.Percentiles;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** One task in flight at a time: how long a task takes end to end, and that divided by its sequential stages. */
public final class LatencyRun {

    /** @param perTaskMs and perStageMs in milliseconds */
    public record Result(Shape shape, Language language, Percentiles perTaskMs, Percentiles perStageMs) {
    }

    private final BenchEngine engine;

    public LatencyRun(BenchEngine engine) {
        this.engine = engine;
    }

    public Result run(Shape shape, Language language, int warmUp, int measured) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            once(shape, language);
        }
        double[] perTask = new double[measured];
        double[] perStage = new double[measured];
        for (int i = 0; i < measured; i++) {
            perTask[i] = once(shape, language) / 1e6;
            perStage[i] = perTask[i] / shape.stages();
        }
        return new Result(shape, language, Percentiles.of(perTask), Percentiles.of(perStage));
    }

    private long once(Shape shape, Language language) throws Exception {
        long start = System.nanoTime();
        UUID task = engine.submit(shape, language);
        long end = engine.ended(task).get(120, TimeUnit.SECONDS);
        if (end < 0) {
            throw new IllegalStateException(shape.templateName(language) + " task " + task + " did not complete");
        }
        return end - start;
    }
}
