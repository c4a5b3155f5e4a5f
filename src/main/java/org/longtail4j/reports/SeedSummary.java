package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same rows measured over several seeds: mean and sample standard deviation of top-1, many,
 * medium, few and ECE per row, as a table and as JSON (with every seed's figures kept).
 */
public final class SeedSummary {

    static final List<String> METRICS = List.of("top1", "many", "medium", "few", "ece");

    private final List<String> rows;
    private final Map<Long, Map<String, Map<String, Object>>> bySeed = new LinkedHashMap<>();

    public SeedSummary(List<String> rows) {
        this.rows = List.copyOf(rows);
    }

    /** One seed's results: row key -> that row's results.json contents. */
    public void add(long seed, Map<String, Map<String, Object>> results) {
        bySeed.put(seed, results);
    }

    /** Values of {@code metric} for {@code row} over the seeds, in the order added (NaN where absent). */
    double[] values(String row, String metric) {
        double[] v = new double[bySeed.size()];
        int i = 0;
        for (Map<String, Map<String, Object>> results : bySeed.values()) {
            Object value = results.get(row).get(metric);
            v[i++] = value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return v;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += (x - m) * (x - m);
        }
        return Math.sqrt(sum / (v.length - 1));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seeds", new ArrayList<>(bySeed.keySet()));
        Map<String, Object> stats = new LinkedHashMap<>();
        for (String row : rows) {
            Map<String, Object> perMetric = new LinkedHashMap<>();
            for (String metric : METRICS) {
                double[] v = values(row, metric);
                perMetric.put(metric, Map.of("mean", mean(v), "std", std(v), "values", v));
            }
            stats.put(row, perMetric);
        }
        out.put("rows", stats);
        return out;
    }

    /** A table of "mean ± std" per row and metric; {@code names} gives each row key its printed name. */
    public String render(Map<String, String> names) {
        int width = 5;
        for (String row : rows) {
            width = Math.max(width, names.getOrDefault(row, row).length());
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "model"));
        for (String metric : METRICS) {
            out.append(String.format(Locale.ROOT, "  %13s", metric.equals("top1") ? "top-1" : metric));
        }
        out.append('\n');
        for (String row : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", names.getOrDefault(row, row)));
            for (String metric : METRICS) {
                double[] v = values(row, metric);
                out.append(String.format(Locale.ROOT, "  %6.2f ± %4.2f", mean(v), std(v)));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "mean ± sample std over %d seeds %s (test set, last epoch)%n",
                bySeed.size(), bySeed.keySet()));
        return out.toString();
    }
}
