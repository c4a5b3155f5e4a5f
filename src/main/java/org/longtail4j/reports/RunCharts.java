package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a run report, each an XChart chart built from run-folder files: class counts,
 * learning curves, per-class accuracy against training count, group bars, the confusion heat map and
 * the reliability diagram. Accuracies are in percent, as results.json holds them.
 */
public final class RunCharts {

    static final int WIDTH = 820;
    static final int HEIGHT = 420;
    private static final String[] GROUPS = {"many", "medium", "few"};
    private static final Color[] GROUP_COLORS = {ChartImage.MANY, ChartImage.MEDIUM, ChartImage.FEW};

    private RunCharts() {}

    /**
     * Training images per class against frequency rank (1 = most images) on a log scale: the long-tail
     * profile, one series per group so the groups' colours show where they split.
     */
    public static XYChart classCounts(long[] counts, ClassGroupsView groups) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training images per class (log scale) by frequency rank").xAxisTitle("rank (1 = most images)")
                .yAxisTitle("training images").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(counts.length > 60 ? 4 : 8);
        chart.getStyler().setXAxisDecimalPattern("0");
        List<Integer> order = rankOrder(counts);
        for (int g = 0; g < GROUPS.length; g++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int rank = 0; rank < order.size(); rank++) {
                int label = order.get(rank);
                if (groups.groupOf(label) == g) {
                    x.add(rank + 1.0);
                    y.add((double) Math.max(counts[label], 1));
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(GROUPS[g], x, y);
                series.setLineColor(GROUP_COLORS[g]);
                series.setMarkerColor(GROUP_COLORS[g]);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /** Train loss (left axis) and learning rate (right axis) by epoch. */
    public static XYChart lossAndLr(String stage, List<JsonNode> epochs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(stage + ": training loss and learning rate")
                .xAxisTitle("epoch").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        List<Double> x = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> lr = new ArrayList<>();
        for (JsonNode e : epochs) {
            x.add(e.path("epoch").asDouble());
            loss.add(number(e.path("train_loss")));
            lr.add(number(e.path("lr")));
        }
        XYSeries l = chart.addSeries("train loss", x, loss);
        l.setLineColor(ChartImage.series(0));
        l.setMarkerColor(ChartImage.series(0));
        l.setMarker(SeriesMarkers.CIRCLE);
        XYSeries r = chart.addSeries("learning rate", x, lr);
        r.setYAxisGroup(1);
        r.setLineColor(ChartImage.series(1));
        r.setMarkerColor(ChartImage.series(1));
        r.setMarker(SeriesMarkers.DIAMOND);
        r.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6, 4}, 0));
        chart.setYAxisGroupTitle(0, "loss");
        chart.setYAxisGroupTitle(1, "learning rate");
        return chart;
    }

    /**
     * Test top-1 and the three groups by epoch (and the validation split's top-1 when the run has one),
     * or null when no epoch was evaluated (config
     * {@code eval.every: 0} evaluates only after the last epoch).
     */
    public static XYChart testCurves(String stage, List<JsonNode> epochs) {
        List<Double> x = new ArrayList<>();
        List<JsonNode> tests = new ArrayList<>();
        for (JsonNode e : epochs) {
            if (e.path("test").isObject()) {
                x.add(e.path("epoch").asDouble());
                tests.add(e.get("test"));
            }
        }
        if (tests.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(stage + ": test accuracy by epoch")
                .xAxisTitle("epoch").yAxisTitle("accuracy (%)").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        String[] keys = {"many", "medium", "few", "top1"};
        String[] names = {"many", "medium", "few", "top-1 (all)"};
        Color[] colors = {ChartImage.MANY, ChartImage.MEDIUM, ChartImage.FEW, ChartImage.ALL};
        for (int s = 0; s < keys.length; s++) {
            List<Double> y = new ArrayList<>();
            for (JsonNode t : tests) {
                y.add(number(t.path(keys[s])));
            }
            if (y.stream().allMatch(v -> v == null)) {
                continue;
            }
            XYSeries series = chart.addSeries(names[s], x, y);
            series.setLineColor(colors[s]);
            series.setMarkerColor(colors[s]);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(new BasicStroke(s == 3 ? 3f : 2f));
        }
        // With a validation split, its top-1 (what chose the best epoch) dashed beside the test top-1.
        List<Double> validation = new ArrayList<>();
        for (JsonNode e : epochs) {
            if (e.path("test").isObject()) {
                validation.add(number(e.path("validation").path("top1")));
            }
        }
        if (validation.stream().allMatch(v -> v != null)) {
            XYSeries series = chart.addSeries("validation top-1", x, validation);
            series.setLineColor(ChartImage.ALL);
            series.setMarkerColor(ChartImage.ALL);
            series.setMarker(SeriesMarkers.DIAMOND);
            series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /**
     * Per-class test accuracy against the class's training count (log x), one series per group, with
     * dashed lines between the groups' count ranges.
     */
    public static XYChart perClassAccuracy(String title, long[] counts, JsonNode perClass, ClassGroupsView groups) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("training images of the class (log scale)").yAxisTitle("test accuracy (%)").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int g = 0; g < GROUPS.length; g++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                Double accuracy = number(perClass.path(c));
                if (groups.groupOf(c) == g && accuracy != null) {
                    x.add((double) Math.max(counts[c], 1));
                    y.add(accuracy);
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(GROUPS[g], x, y);
                series.setMarkerColor(GROUP_COLORS[g]);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        chart.getStyler().setAnnotationLineColor(Color.GRAY);
        chart.getStyler().setAnnotationLineStroke(
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5, 5}, 0));
        for (double boundary : groups.countBoundaries(counts)) {
            chart.addAnnotation(new AnnotationLine(boundary, true, false));
        }
        return chart;
    }

    /** many / medium / few / all bars, one series per stage (or run): {@code rows} are results.json nodes. */
    public static CategoryChart groupBars(String title, List<String> names, List<JsonNode> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .yAxisTitle("test accuracy (%)").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLabelsVisible(names.size() <= 4);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        List<String> x = List.of("many (head)", "medium", "few (tail)", "all (top-1)");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            List<Double> y = new ArrayList<>();
            for (String key : List.of("many", "medium", "few", "top1")) {
                Double v = number(r.path(key));
                y.add(v == null ? 0.0 : v);
            }
            chart.addSeries(names.get(i), x, y).setFillColor(ChartImage.series(i));
        }
        return chart;
    }

    /**
     * The confusion matrix as a heat map of row percentages (each true class's test images, where they
     * went), true class top to bottom in label order. For up to about 20 classes; beyond that the page
     * lists the most confused pairs instead.
     */
    public static HeatMapChart confusion(String title, JsonNode confusion, List<String> names) {
        int c = confusion.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(Math.max(HEIGHT, 90 + 34 * c)).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setShowValue(c <= 12);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xFDD49E), new Color(0xFC8D59),
            new Color(0xB30000)});
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            x.add(names.get(i));
            y.add(names.get(c - 1 - i));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            long total = 0;
            for (JsonNode n : confusion.get(t)) {
                total += n.asLong();
            }
            for (int p = 0; p < c; p++) {
                double share = total == 0 ? 0 : 100.0 * confusion.get(t).get(p).asLong() / total;
                cells.add(new Number[] {p, c - 1 - t, share});
            }
        }
        chart.addSeries("% of the true class's test images", x, y, cells);
        return chart;
    }

    /**
     * The reliability diagram: accuracy per confidence bin as bars, the bin's mean confidence as a
     * line (a calibrated model's bars reach it); empty bins have no bar. Null when the results have no
     * bins (runs from before results.json kept them).
     */
    public static CategoryChart reliability(String title, JsonNode bins) {
        if (!bins.isArray() || bins.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("top-1 confidence bin (%)").yAxisTitle("%").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(45);
        List<String> x = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Double> confidence = new ArrayList<>();
        List<Double> diagonal = new ArrayList<>();
        for (JsonNode b : bins) {
            double lower = 100 * b.path("lower").asDouble();
            double upper = 100 * b.path("upper").asDouble();
            x.add(String.format(Locale.ROOT, "%.0f-%.0f", lower, upper));
            boolean empty = b.path("count").asLong() == 0;
            accuracy.add(empty ? null : number(b.path("accuracy")));
            confidence.add(empty ? null : number(b.path("confidence")));
            diagonal.add((lower + upper) / 2);
        }
        chart.addSeries("accuracy in the bin", x, accuracy).setFillColor(ChartImage.series(0));
        CategorySeries conf = chart.addSeries("mean confidence in the bin", x, confidence);
        conf.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        conf.setMarker(SeriesMarkers.DIAMOND);
        conf.setMarkerColor(ChartImage.FEW);
        CategorySeries ideal = chart.addSeries("perfect calibration (bin centre)", x, diagonal);
        ideal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        ideal.setLineColor(Color.GRAY);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6, 4}, 0));
        return chart;
    }

    /** Class labels from most to fewest training images (ties by label). */
    static List<Integer> rankOrder(long[] counts) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            order.add(c);
        }
        order.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        return order;
    }

    static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }
}
