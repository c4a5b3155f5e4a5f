package org.longtail4j.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.longtail4j.training.ParameterSweep;

/**
 * What a sweep prints and saves: a table of many / medium / few / all (top-1) per value, and
 * sweep.json (value -> that run's results.json). Figures are test-set accuracies in percent at the
 * last epoch of each stage-2 run, as the demo reports them.
 */
public final class SweepReport {

    private SweepReport() {}

    /** The four curves of one value; a group is null when it has no class. */
    public record Point(String value, Double many, Double medium, Double few, double all) {}

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
        return new Point(value, number(results.get("many")), number(results.get("medium")), number(results.get("few")),
                all == null ? Double.NaN : all);
    }

    public static String table(ParameterSweep.Result result) {
        String key = result.spec().key();
        List<Point> points = points(result);
        int width = key.length();
        for (Point p : points) {
            width = Math.max(width, p.value().length());
        }
        String format = "%-" + width + "s  %7s  %7s  %7s  %7s";
        String header = String.format(Locale.ROOT, format, key, "many", "medium", "few", "all");
        StringBuilder out = new StringBuilder(header).append('\n').append("-".repeat(header.length())).append('\n');
        int best = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).all() > points.get(best).all()) {
                best = i;
            }
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            out.append(String.format(Locale.ROOT, format, p.value(), ResultTable.percent(p.many()),
                    ResultTable.percent(p.medium()), ResultTable.percent(p.few()), ResultTable.percent(p.all())));
            out.append(i == best && points.size() > 1 ? "  <- best all" : "").append('\n');
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
        out.append("figures: test-set accuracy in %, last epoch of each stage-2 run; all = top-1 over every class; "
                + "stage 2 from ").append(result.stage1Run()).append('\n');
        return out.toString();
    }

    /** sweep.json: the key, the values in order, where each ran, and value -> results.json. */
    public static Map<String, Object> json(ParameterSweep.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", result.spec().key());
        out.put("values", result.spec().values());
        out.put("stage1_run", result.stage1Run().toAbsolutePath().toString());
        out.put("stage1", result.stage1());
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
