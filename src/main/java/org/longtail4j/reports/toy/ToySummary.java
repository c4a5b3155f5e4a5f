package org.longtail4j.reports.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The toy over many seeds: per classifier the balanced-test accuracy of the head and the tail class
 * and their mean, as mean ± sample std over seeds, and the seed-paired difference of H2T against
 * class-balanced re-training. One seed's boundary can be luck; the summary says how often it is not.
 */
public final class ToySummary {

    /** Rows: stage 1, class-balanced, H2T, the balanced optimum x + y = 0. */
    public static final List<String> ROWS = List.of("stage 1 (instance sampling)", "class-balanced re-training",
            "H2T re-training", "balanced optimum (x + y = 0)");

    /** [row][seed][head, tail, mean]. */
    private final double[][][] accuracy;
    private final int seeds;

    private ToySummary(double[][][] accuracy, int seeds) {
        this.accuracy = accuracy;
        this.seeds = seeds;
    }

    /** Trains the toy on seeds first, first + 1, ..., first + repeats - 1. */
    public static ToySummary run(ToyTraining.Settings settings, long first, int repeats) {
        double[][][] acc = new double[ROWS.size()][repeats][];
        for (int i = 0; i < repeats; i++) {
            ToyTraining.Result r = ToyTraining.run(settings, first + i);
            ToyData d = r.data();
            LinearSoftmax optimum = new LinearSoftmax();
            optimum.w[1][0] = 1;
            optimum.w[1][1] = 1;
            LinearSoftmax[] models = {r.stage1(), r.balanced(), r.h2t(), optimum};
            for (int m = 0; m < models.length; m++) {
                double head = models[m].accuracy(d.testX(), d.testY(), 0);
                double tail = models[m].accuracy(d.testX(), d.testY(), 1);
                acc[m][i] = new double[] {head, tail, (head + tail) / 2};
            }
        }
        return new ToySummary(acc, repeats);
    }

    /** How many seeds. */
    public int seeds() {
        return seeds;
    }

    /** Mean over seeds of column (0 head, 1 tail, 2 mean) of a row. */
    public double mean(int row, int column) {
        double s = 0;
        for (double[] a : accuracy[row]) {
            s += a[column];
        }
        return s / seeds;
    }

    /** Sample std over seeds (0 for one seed). */
    public double std(int row, int column) {
        if (seeds < 2) {
            return 0;
        }
        double m = mean(row, column);
        double s = 0;
        for (double[] a : accuracy[row]) {
            s += (a[column] - m) * (a[column] - m);
        }
        return Math.sqrt(s / (seeds - 1));
    }

    /** H2T minus class-balanced per seed for a column: {mean, std, seeds where H2T is higher}. */
    public double[] h2tMinusBalanced(int column) {
        double[] d = new double[seeds];
        int higher = 0;
        for (int i = 0; i < seeds; i++) {
            d[i] = accuracy[2][i][column] - accuracy[1][i][column];
            higher += d[i] > 0 ? 1 : 0;
        }
        double m = java.util.Arrays.stream(d).average().orElse(Double.NaN);
        double s = 0;
        for (double v : d) {
            s += (v - m) * (v - m);
        }
        return new double[] {m, seeds < 2 ? 0 : Math.sqrt(s / (seeds - 1)), higher};
    }

    /** The table rows as text cells: name, head, tail, mean (each "mean ± std"). */
    public List<List<String>> cells() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < ROWS.size(); r++) {
            List<String> row = new ArrayList<>(List.of(ROWS.get(r)));
            for (int c = 0; c < 3; c++) {
                row.add(String.format(Locale.ROOT, "%.2f ± %.2f", mean(r, c), std(r, c)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The summary as printed text. */
    public String text() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-30s  %14s  %14s  %14s%n", "classifier",
                "head", "tail", "mean"));
        for (List<String> row : cells()) {
            out.append(String.format(Locale.ROOT, "%-30s  %14s  %14s  %14s%n", row.toArray()));
        }
        String[] names = {"head", "tail", "mean"};
        out.append("H2T minus class-balanced, paired by seed:");
        for (int c = 0; c < 3; c++) {
            double[] d = h2tMinusBalanced(c);
            out.append(String.format(Locale.ROOT, " %s %+.2f ± %.2f (higher on %.0f of %d)%s", names[c], d[0], d[1], d[2],
                    seeds, c < 2 ? ";" : ""));
        }
        return out.append(String.format(Locale.ROOT, "%nbalanced test accuracy in %%, mean ± sample std over %d seeds%n",
                seeds)).toString();
    }
}
