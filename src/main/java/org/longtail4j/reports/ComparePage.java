package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The page of {@code longtail compare}: every run, each recipe's mean ± std over its seeds, the
 * seed-paired differences to the first recipe, group bars with their spread and the per-class
 * accuracy of every recipe overlaid against training count. Self-contained like the run report.
 */
public final class ComparePage {

    private ComparePage() {}

    /** The page's HTML. */
    public static String html(RunComparison comparison) {
        StringBuilder body = new StringBuilder();
        List<RunComparison.Group> groups = comparison.groups();
        body.append(Html.heading(2, "Recipes: mean ± sample std over seeds"));
        List<List<String>> rows = new ArrayList<>();
        for (RunComparison.Group g : groups) {
            List<String> row = new ArrayList<>(List.of(g.label(), seeds(g)));
            for (String m : RunComparison.METRICS) {
                row.add(RunComparison.stat(g, m).format());
            }
            rows.add(row);
        }
        body.append(Html.table(List.of("recipe", "seeds", "top-1", "many", "medium", "few", "ECE"), rows));
        body.append(Html.image(ChartImage.dataUri(groupBars(groups)), "group accuracies per recipe with their spread"));
        body.append(paired(groups));
        body.append(Html.heading(2, "Per-class accuracy against training count"));
        body.append(Html.image(ChartImage.dataUri(perClass(groups)),
                "per-class accuracy of every recipe against the class's training images"));
        body.append(Html.heading(2, "Runs"));
        List<List<String>> runs = new ArrayList<>();
        for (RunComparison.Group g : groups) {
            for (RunComparison.Entry e : g.entries()) {
                List<String> row = new ArrayList<>(List.of(e.run().dir().toString(), g.label(),
                        e.seed() == null ? "-" : String.valueOf(e.seed()), e.stage()));
                for (String m : RunComparison.METRICS) {
                    row.add(RunReportPage.pct(e.results().path(m)));
                }
                row.add(RunFolder.Stage.bestChosenOn(e.results()));
                row.add(e.run().tuned().isEmpty() ? "-" : String.join("; ", e.run().tuned()));
                runs.add(row);
            }
        }
        body.append(Html.table(List.of("run folder", "recipe", "seed", "stage", "top-1", "many", "medium", "few", "ECE",
                "best epoch chosen on", "tuned values (config key: how chosen)"), runs));
        // Each seed draws its own images of the same long-tailed profile: that is the pairing, not other data.
        Set<String> datasets = new LinkedHashSet<>();
        for (RunComparison.Group g : groups) {
            for (RunComparison.Entry e : g.entries()) {
                datasets.add(e.run().split().path("description").asText("(no split.json)")
                        .replaceAll("images seed -?\\d+", "images seed per run") + "; training images per class "
                        + java.util.Arrays.toString(e.run().classCounts()));
            }
        }
        body.append(Html.heading(2, "Data"));
        for (String d : datasets) {
            body.append(Html.paragraph(d));
        }
        if (datasets.size() > 1) {
            body.append("<p class=\"mark\">The runs are on different data (above): their figures are not comparable "
                    + "one to one.</p>\n");
        }
        body.append(Html.note("Figures: test set, percent, each run's compared stage at its last epoch. Mean ± sample "
                + "standard deviation (n - 1) over seeds; a paired difference is taken seed by seed, then averaged."));
        return Html.page("Comparison of " + groups.size() + " recipes", body.toString());
    }

    private static String paired(List<RunComparison.Group> groups) {
        if (groups.size() < 2) {
            return "";
        }
        RunComparison.Group baseline = groups.get(0);
        StringBuilder out = new StringBuilder(Html.heading(2, "Paired differences to " + baseline.label()));
        for (RunComparison.Group other : groups.subList(1, groups.size())) {
            RunComparison.Paired probe = RunComparison.paired(baseline, other, "top1");
            out.append(Html.heading(3, other.label() + " minus " + baseline.label()));
            if (probe.seeds().isEmpty()) {
                out.append(Html.note("No seed in common: nothing to pair. Compare the means above with care."));
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (String m : RunComparison.METRICS) {
                RunComparison.Paired p = RunComparison.paired(baseline, other, m);
                StringBuilder perSeed = new StringBuilder();
                for (int i = 0; i < p.seeds().size(); i++) {
                    perSeed.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d: %+.2f", p.seeds().get(i),
                            p.differences()[i]));
                }
                RunComparison.Stat s = p.stat();
                rows.add(List.of(m.equals("top1") ? "top-1" : m, s.n() > 1
                        ? String.format(Locale.ROOT, "%+.2f ± %.2f", s.mean(), s.std())
                        : String.format(Locale.ROOT, "%+.2f", s.mean()), perSeed.toString(),
                        p.better() + " of " + p.seeds().size()));
            }
            out.append(Html.table(List.of("metric", "mean ± std of the difference", "per seed", "better on"), rows));
        }
        out.append(Html.note("Better: higher accuracy, lower ECE. With few seeds a mean difference smaller than its "
                + "std is not evidence either way."));
        return out.toString();
    }

    private static CategoryChart groupBars(List<RunComparison.Group> groups) {
        CategoryChart chart = new CategoryChartBuilder().width(RunCharts.WIDTH).height(RunCharts.HEIGHT)
                .title("Test accuracy by group (bars: mean, whiskers: sample std over seeds)")
                .yAxisTitle("test accuracy (%)").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        List<String> x = List.of("many (head)", "medium", "few (tail)", "all (top-1)");
        for (int i = 0; i < groups.size(); i++) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String m : List.of("many", "medium", "few", "top1")) {
                RunComparison.Stat s = RunComparison.stat(groups.get(i), m);
                y.add(Double.isNaN(s.mean()) ? 0.0 : s.mean());
                err.add(Double.isNaN(s.std()) ? 0.0 : s.std());
            }
            chart.addSeries(groups.get(i).label(), x, y, err).setFillColor(ChartImage.series(i));
        }
        return chart;
    }

    /** Each recipe's per-class accuracy (mean over its seeds) against the first run's class counts. */
    private static XYChart perClass(List<RunComparison.Group> groups) {
        XYChart chart = new XYChartBuilder().width(RunCharts.WIDTH).height(RunCharts.HEIGHT)
                .title("Per-class test accuracy (mean over seeds)")
                .xAxisTitle("training images of the class (log scale)").yAxisTitle("test accuracy (%)").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        for (int i = 0; i < groups.size(); i++) {
            RunComparison.Group g = groups.get(i);
            long[] counts = g.entries().get(0).run().classCounts();
            List<Integer> order = RunCharts.rankOrder(counts);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int rank = order.size() - 1; rank >= 0; rank--) {
                int c = order.get(rank);
                double sum = 0;
                int n = 0;
                for (RunComparison.Entry e : g.entries()) {
                    JsonNode v = e.results().path("per_class").path(c);
                    if (v.isNumber()) {
                        sum += v.asDouble();
                        n++;
                    }
                }
                if (n > 0) {
                    x.add((double) Math.max(counts[c], 1));
                    y.add(sum / n);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(g.label(), x, y);
            s.setLineColor(ChartImage.series(i));
            s.setMarkerColor(ChartImage.series(i));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static String seeds(RunComparison.Group g) {
        List<String> seeds = new ArrayList<>();
        for (RunComparison.Entry e : g.entries()) {
            seeds.add(e.seed() == null ? "-" : String.valueOf(e.seed()));
        }
        return String.join(", ", seeds);
    }
}
