package dev.tasker.bench.e2e;

import dev.tasker.bench.Percentiles;

/** Task creation through the REST API, one request at a time: POST /v1/tasks until 201, in milliseconds. */
public final class CreationRun {

    private final ServedEngine engine;

    public CreationRun(ServedEngine engine) {
        this.engine = engine;
    }

    /** Tasks of a 10-step template in a namespace no worker serves, so that creating is all that happens. */
    public Percentiles run(int warmUp, int measured) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            create();
        }
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            create();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return Percentiles.of(ms);
    }

    private void create() throws Exception {
        engine.create(ServedEngine.IDLE_NAMESPACE, "linear_10_java");
    }
}
