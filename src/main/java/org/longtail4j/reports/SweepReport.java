package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.longtail4j.evaluation.ChosenOn;
import org.longtail4j.training.ParameterSweep;

/**
 * What a sweep prints and saves: a table of many / medium / few / all (top-1) per value, and
 * sweep.json (value -> that run's results.json). Figures are test-set accuracies in percent at the
 * last epoch of each stage-2 run, as the demo reports them. The best value is chosen by the validation
 * split's all top-1 when the runs have one (data.validation_per_class), else by the test set's, and
 * every output says which.
 */
public final class SweepReport {

    private SweepReport() {}

    /**
     * The four test curves of one value (a group is null when it has no class), and the validation
     * split's all top-1 ({@code validation}; null when the run has no validation split).
     */
    public record Point(String value, Double many, Double medium, Double few, double all, Double validation) {

        /** A point without validation figures (the paper's curve, a run without a validation split). */
        public Point(String value, Double many, Double medium, Double few, double all) {
            this(value, many, medium, few, all, null);
        }
    }

    /** The value a sweep chose and the figure that chose it. */
    public record Best(int index, String value, String chosenOn) {}

    public static List<Point> points(ParameterSweep.Result result) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < result.results().size(); i++) {
            points.add(point(result.spec().values().get(i), result.results().get(i)));
        }
        return points;
    }

    /** The curves of one results.json (its last-epoch figures). */
    public static Point point(String value, Map<String, Object> results) {
        Double all = number(results.get("top1"));
        Double validation = results.get("validation") instanceof Map<?, ?> v ? number(v.get("top1")) : null;
        return new Point(value, number(results.get("many")), number(results.get("medium")), number(results.get("few")),
                all == null ? Double.NaN : all, validation);
    }

    /** Whether every point has a validation figure, so the validation split chooses the best value. */
    public static boolean validated(List<Point> points) {
        return !points.isEmpty() && points.stream().allMatch(p -> p.validation() != null);
    }

    /**
     * The best value: highest validation all top-1 when every run has a validation split, else highest
     * test all top-1 (the references' way, named as such); the first of equals. Null without points.
     */
    public static Best best(List<Point> points) {
        if (points.isEmpty()) {
            return null;
        }
        boolean validated = validated(points);
        int best = 0;
        for (int i = 0; i < points.size(); i++) {
            if (score(points.get(i), validated) > score(points.get(best), validated)) {
                best = i;
            }
        }
        return new Best(best, points.get(best).value(), ChosenOn.sweepValue(validated));
    }

    private static double score(Point p, boolean validated) {
        return validated ? p.validation() : p.all();
    }

    public static String table(ParameterSweep.Result result) {
        String key = result.spec().key();
        List<Point> points = points(result);
        int width = key.length();
        for (Point p : points) {
            width = Math.max(width, p.value().length());
        }
        boolean validated = validated(points);
        String format = "%-" + width + "s  %7s  %7s  %7s  %7s" + (validated ? "  %9s" : "%s");
        String header = String.format(Locale.ROOT, format, key, "many", "medium", "few", "all",
                validated ? "val. all" : "");
        StringBuilder out = new StringBuilder(header).append('\n').append("-".repeat(header.length())).append('\n');
        Best best = best(points);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            out.append(String.format(Locale.ROOT, format, p.value(), ResultTable.percent(p.many()),
                    ResultTable.percent(p.medium()), ResultTable.percent(p.few()), ResultTable.percent(p.all()),
                    validated ? ResultTable.percent(p.validation()) : ""));
            out.append(i == best.index() && points.size() > 1 ? "  <- best (" + best.chosenOn() + ")" : "").append('\n');
        }
        if (best != null) {
            out.append("best value: ").append(best.value()).append(", chosen on ").append(best.chosenOn())
                    .append(validated ? "" : "; the test figures of the best value are then optimistic").append('\n');
        }
        if (result.stage1() != null) {
            Point s = point("stage 1", result.stage1());
            out.append(String.format(Locale.ROOT, "stage 1 (start of every run): many %s, medium %s, few %s, all %s%n",
                    ResultTable.percent(s.many()), ResultTable.percent(s.medium()), ResultTable.percent(s.few()),
                    ResultTable.percent(s.all())));
        }
        Object split = result.results().isEmpty() ? null : result.results().get(0).get("split");
        if (split instanceof Map<?, ?> groups) {
            out.append("groups: ").append(groups.get("rule")).append("; many ").append(groups.get("many"))
                    .append(", medium ").append(groups.get("medium")).append(", few ").append(groups.get("few"))
                    .append('\n');
        }
        out.append("figures: test-set accuracy in %, last epoch of each stage-2 run; all = top-1 over every class"
                + (validated ? "; val. all = the same on the validation split (held out from the training images)" : "")
                + "; stage 2 from ").append(result.stage1Run()).append('\n');
        return out.toString();
    }

    /** sweep.json: the key, the values in order, where each ran, and value -> results.json. */
    public static Map<String, Object> json(ParameterSweep.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", result.spec().key());
        out.put("values", result.spec().values());
        out.put("stage1_run", result.stage1Run().toAbsolutePath().toString());
        out.put("stage1", result.stage1());
        Best best = best(points(result));
        out.put("best_value", best == null ? null : best.value());
        out.put("best_chosen_on", best == null ? null : best.chosenOn());
        Map<String, Object> runs = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        for (int i = 0; i < result.results().size(); i++) {
            String value = result.spec().values().get(i);
            runs.put(value, result.runs().get(i).toAbsolutePath().toString());
            results.put(value, result.results().get(i));
        }
        out.put("runs", runs);
        out.put("results", results);
        return out;
    }

    /** What the sweep's runs were measured on: the first run's split description, or "unknown data". */
    public static String dataset(ParameterSweep.Result result) {
        if (result.runs().isEmpty()) {
            return "unknown data";
        }
        try {
            return Json.mapper().readTree(result.runs().get(0).resolve("split.json").toFile()).path("description")
                    .asText("unknown data");
        } catch (java.io.IOException e) {
            return "unknown data (" + e.getMessage() + ")";
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
