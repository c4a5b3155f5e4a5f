package org.longtail4j.bench;

import java.util.Arrays;

/**
 * Median and spread of repeated measurements: what a benchmark on a shared, noisy machine can honestly
 * state. Quartiles interpolate linearly between order statistics (numpy's default, "type 7").
 *
 * @param n how many measurements
 * @param median the middle value (mean of the two middle ones for even n)
 * @param q1 the 25th percentile
 * @param q3 the 75th percentile
 * @param relativeSpread (max - min) / median, 0 for a single measurement; NaN when the median is 0
 */
public record Summary(int n, double median, double min, double max, double q1, double q3, double relativeSpread) {

    /** The summary of {@code values}, which must not be empty. */
    public static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double spread = median == 0 ? Double.NaN : (max - min) / median;
        return new Summary(sorted.length, median, min, max, quantile(sorted, 0.25), quantile(sorted, 0.75), spread);
    }

    /** The q-quantile (0..1) of ascending {@code sorted}, interpolating linearly between neighbours. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** "median (min - max, n)" with the given number of decimals. */
    public String describe(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(f + "  (" + f + " - " + f + ", n=%d)", median, min, max, n);
    }
}
