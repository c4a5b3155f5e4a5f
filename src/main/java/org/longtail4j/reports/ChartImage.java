package org.longtail4j.reports;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Turns an XChart figure into the bytes a page embeds: a PNG, as a {@code data:} URI, so a report
 * is one file that needs no network and no sibling files. Also the one look all report charts share.
 */
public final class ChartImage {

    /** Head, medium, tail and overall colours, as in the sweep plot. */
    public static final Color MANY = new Color(0x1F77B4);
    public static final Color MEDIUM = new Color(0x2CA02C);
    public static final Color FEW = new Color(0xD62728);
    public static final Color ALL = new Color(0x222222);

    /** Colours for series that are runs or stages, in order (cycled). */
    private static final Color[] SERIES = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
    };

    private ChartImage() {}

    /** The colour of the i-th run or stage. */
    public static Color series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** The PNG of a chart. */
    public static byte[] png(Chart<?, ?> chart) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
        return out.toByteArray();
    }

    /** A PNG as a {@code data:image/png;base64,...} URI. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** The chart's PNG as a data URI. */
    public static String dataUri(Chart<?, ?> chart) {
        return dataUri(png(chart));
    }

    /** White background, light grid, readable fonts, legend inside the plot. */
    public static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xDDDDDD));
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes.setMarkerSize(7);
        }
    }
}
