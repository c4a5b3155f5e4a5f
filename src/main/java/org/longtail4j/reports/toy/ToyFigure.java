package org.longtail4j.reports.toy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.longtail4j.reports.ChartImage;

/**
 * The toy's figure, two panels as the paper's decision-boundary comparison: left the boundary after
 * class-balanced re-training, right after H2T's re-training (with the fused tail points it trained on),
 * both over the training samples, with the stage-1 boundary and the balanced-optimal one (x + y = 0)
 * for reference. Each panel is an XChart chart; the PNG puts them side by side.
 */
public final class ToyFigure {

    static final int PANEL = 620;
    static final double RANGE = 4;

    private ToyFigure() {}

    /** The two panels side by side, as PNG bytes. */
    public static byte[] png(ToyTraining.Result r) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage left = BitmapEncoder.getBufferedImage(panel(r, false));
        BufferedImage right = BitmapEncoder.getBufferedImage(panel(r, true));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(),
                right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(both, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static XYChart panel(ToyTraining.Result r, boolean h2t) {
        LinearSoftmax model = h2t ? r.h2t() : r.balanced();
        ToyData d = r.data();
        XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL + 150)
                .title(h2t ? "H2T: re-trained on fused points" : "Class-balanced re-training")
                .xAxisTitle("coordinate 1").yAxisTitle("coordinate 2").build();
        ChartImage.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisMin(-RANGE).setXAxisMax(RANGE).setYAxisMin(-RANGE).setYAxisMax(RANGE);
        chart.getStyler().setMarkerSize(5);
        scatter(chart, "head (" + d.indicesOf(0).length + " samples)", points(d, 0), new Color(0x1F77B4, false),
                SeriesMarkers.CIRCLE);
        if (h2t) {
            scatter(chart, "fused tail points (last epoch)", r.fusedTail(), new Color(0xF4A6A6), SeriesMarkers.CROSS);
        }
        XYSeries tail = scatter(chart, "tail (" + d.indicesOf(1).length + " samples)", points(d, 1), ChartImage.FEW,
                SeriesMarkers.DIAMOND);
        tail.setMarkerColor(ChartImage.FEW);
        line(chart, "balanced optimum (x + y = 0)", new double[] {1, 1, 0}, Color.BLACK, new float[] {2, 3}, 1.2f);
        line(chart, "stage 1 (instance sampling)", r.stage1().boundary(), Color.GRAY, new float[] {8, 5}, 1.5f);
        line(chart, h2t ? "H2T boundary" : "class-balanced boundary", model.boundary(),
                h2t ? ChartImage.MEDIUM : new Color(0xFF7F0E), null, 3f);
        return chart;
    }

    private static XYSeries scatter(XYChart chart, String name, List<double[]> pts, Color color,
            org.knowm.xchart.style.markers.Marker marker) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double[] p : pts) {
            x.add(p[0]);
            y.add(p[1]);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(color);
        s.setMarker(marker);
        return s;
    }

    /** The line a x + c y + d = 0 clipped to the plot square (nothing drawn when a and c are both 0). */
    private static void line(XYChart chart, String name, double[] abc, Color color, float[] dash, float width) {
        double a = abc[0];
        double c = abc[1];
        double d = abc[2];
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        if (Math.abs(c) >= Math.abs(a) && c != 0) {
            for (double xv : new double[] {-RANGE, RANGE}) {
                x.add(xv);
                y.add(-(a * xv + d) / c);
            }
        } else if (a != 0) {
            for (double yv : new double[] {-RANGE, RANGE}) {
                x.add(-(c * yv + d) / a);
                y.add(yv);
            }
        } else {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dash == null ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, dash, 0));
    }

    private static List<double[]> points(ToyData d, int label) {
        List<double[]> out = new ArrayList<>();
        for (int i : d.indicesOf(label)) {
            out.add(d.x()[i]);
        }
        return out;
    }
}
