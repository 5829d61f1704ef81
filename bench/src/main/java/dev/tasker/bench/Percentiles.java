package dev.tasker.bench;

import java.util.Arrays;

/** p50/p95/p99 of a set of samples (nearest rank). */
public record Percentiles(double p50, double p95, double p99, int count) {

    public static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted.length);
    }

    private static double rank(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
