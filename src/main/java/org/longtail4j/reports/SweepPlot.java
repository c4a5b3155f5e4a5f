package org.longtail4j.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.longtail4j.evaluation.NanAsNull;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's figure, drawn like the H2T paper's plot of accuracy against the fusion ratio: one line
 * each for Head (many-shot), Medium, Tail (few-shot) and All (top-1), in percent, against the swept
 * value. Numeric values go on a numeric axis; other values (e.g. bn: shift, frozen) are categories in
 * sweep order. A group without classes has no line; a missing point leaves a gap.
 */
public final class SweepPlot {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private static final String[] NAMES = {"Head (many)", "Medium", "Tail (few)", "All (top-1)"};
    private static final Color[] COLORS = {
        new Color(0x1F77B4), new Color(0x2CA02C), new Color(0xD62728), new Color(0x222222)
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP
    };

    private SweepPlot() {}

    /**
     * Writes the figure as a PNG.
     *
     * @param xLabel what the swept value is, e.g. "fusion ratio p (stages.stage2.transform.p)"
     * @param numeric whether the values are numbers (then {@code x} holds them)
     */
    public static void save(Path file, String title, String xLabel, List<SweepReport.Point> points, boolean numeric)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Chart<?, ?> chart = chart(title, xLabel, points, numeric);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        Files2.move(partial, file);
    }

    /** The figure as a chart (for pages that embed it); see {@link #save}. */
    public static Chart<?, ?> chart(String title, String xLabel, List<SweepReport.Point> points, boolean numeric) {
        return numeric ? numericChart(title, xLabel, points) : categoryChart(title, xLabel, points);
    }

    /** The axis label for a key: the paper's name for H2T's ratio, the key itself otherwise. */
    public static String axisLabel(String key) {
        return isFusionRatio(key) ? "fusion ratio p (" + key + ")" : key;
    }

    /** Whether {@code key} is H2T's fusion ratio ({@code stages.NAME.transform.p}; h2t is the one transform). */
    public static boolean isFusionRatio(String key) {
        return key.startsWith("stages.") && key.endsWith(".transform.p");
    }

    private static XYChart numericChart(String title, String xLabel, List<SweepReport.Point> points) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle("accuracy (%)").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        List<Double> x = new ArrayList<>();
        for (SweepReport.Point p : points) {
            x.add(Double.parseDouble(p.value()));
        }
        for (int s = 0; s < NAMES.length; s++) {
            List<Double> y = curve(points, s);
            if (y.stream().allMatch(v -> v == null)) {
                continue;
            }
            styleCurve(chart.addSeries(NAMES[s], x, y), s);
        }
        return chart;
    }

    private static CategoryChart categoryChart(String title, String xLabel, List<SweepReport.Point> points) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle("accuracy (%)").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // All series at the category's centre, not side by side as bars would be.
        chart.getStyler().setOverlapped(true);
        List<String> x = new ArrayList<>();
        for (SweepReport.Point p : points) {
            x.add(p.value());
        }
        for (int s = 0; s < NAMES.length; s++) {
            List<Double> y = curve(points, s);
            if (y.stream().allMatch(v -> v == null)) {
                continue;
            }
            styleCurve(chart.addSeries(NAMES[s], x, y), s);
        }
        return chart;
    }

    /** Curve s of either chart kind: its colour and marker, the overall curve (s = 3) drawn thicker. */
    private static void styleCurve(MarkerSeries series, int s) {
        series.setLineColor(COLORS[s]);
        series.setMarkerColor(COLORS[s]);
        series.setMarker(MARKERS[s]);
        series.setLineStyle(new BasicStroke(s == 3 ? 3f : 2f));
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setMarkerSize(9);
        styler.setYAxisDecimalPattern("0.0");
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }

    private static List<Double> curve(List<SweepReport.Point> points, int series) {
        Function<SweepReport.Point, Double> get = switch (series) {
            case 0 -> SweepReport.Point::many;
            case 1 -> SweepReport.Point::medium;
            case 2 -> SweepReport.Point::few;
            default -> p -> p.all();
        };
        List<Double> y = new ArrayList<>();
        for (SweepReport.Point p : points) {
            y.add(NanAsNull.orNull(get.apply(p)));
        }
        return y;
    }
}
