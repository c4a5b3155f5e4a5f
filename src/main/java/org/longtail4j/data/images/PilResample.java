package org.longtail4j.data.images;

/**
 * PIL's bilinear {@code Image.resize(size, BILINEAR, box)} on 8-bit RGB, re-implemented from its
 * published algorithm (Pillow's Resample.c): separable, a horizontal pass over the rows the output
 * needs, then a vertical pass; the triangle filter's support widens with the reduction factor
 * (antialiasing), weights are normalised per output pixel and applied in 22-bit fixed point with
 * rounding. This is what torchvision 0.14 runs for Resize and RandomResizedCrop on PIL images, which is
 * what every reference feeds.
 *
 * <p>Each output pixel depends only on its own weights, so a window of the output (a centre crop) can be
 * computed alone and equals the same window of the full output.
 */
public final class PilResample {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 1.0;

    private PilResample() {}

    /** Resizes the whole image to outWidth x outHeight. */
    public static RgbImage resize(RgbImage src, int outWidth, int outHeight) {
        return resize(src, 0, 0, src.width(), src.height(), outWidth, outHeight, 0, 0, outWidth, outHeight);
    }

    /**
     * Resizes the box [x0, x1) x [y0, y1) of {@code src} to outWidth x outHeight and returns the window
     * [winX, winX + winWidth) x [winY, winY + winHeight) of that output.
     */
    public static RgbImage resize(RgbImage src, double x0, double y0, double x1, double y1, int outWidth,
            int outHeight, int winX, int winY, int winWidth, int winHeight) {
        boolean horizontal = outWidth != src.width() || x0 != 0 || x1 != outWidth;
        boolean vertical = outHeight != src.height() || y0 != 0 || y1 != outHeight;
        Coefficients cx = horizontal ? Coefficients.of(src.width(), x0, x1, outWidth, winX, winWidth)
                : Coefficients.identity(winX, winWidth);
        Coefficients cy = vertical ? Coefficients.of(src.height(), y0, y1, outHeight, winY, winHeight)
                : Coefficients.identity(winY, winHeight);
        int rowFirst = Integer.MAX_VALUE;
        int rowLast = 0;
        for (int y = 0; y < winHeight; y++) {
            rowFirst = Math.min(rowFirst, cy.min[y]);
            rowLast = Math.max(rowLast, cy.min[y] + cy.count[y]);
        }
        int rows = rowLast - rowFirst;
        // Horizontal pass: rows rowFirst..rowLast-1 of the source, window columns of the output.
        byte[] mid = new byte[3 * winWidth * rows];
        byte[] in = src.rgb();
        int srcStride = 3 * src.width();
        int half = 1 << (PRECISION_BITS - 1);
        for (int r = 0; r < rows; r++) {
            int rowBase = (r + rowFirst) * srcStride;
            for (int x = 0; x < winWidth; x++) {
                int kBase = x * cx.size;
                int xmin = cx.min[x];
                int n = cx.count[x];
                int s0 = half;
                int s1 = half;
                int s2 = half;
                for (int k = 0; k < n; k++) {
                    int w = cx.weights[kBase + k];
                    int p = rowBase + 3 * (xmin + k);
                    s0 += (in[p] & 0xFF) * w;
                    s1 += (in[p + 1] & 0xFF) * w;
                    s2 += (in[p + 2] & 0xFF) * w;
                }
                int o = 3 * (r * winWidth + x);
                mid[o] = clip8(s0);
                mid[o + 1] = clip8(s1);
                mid[o + 2] = clip8(s2);
            }
        }
        // Vertical pass.
        byte[] out = new byte[3 * winWidth * winHeight];
        int midStride = 3 * winWidth;
        int[] sums = new int[midStride];
        for (int y = 0; y < winHeight; y++) {
            int kBase = y * cy.size;
            int ymin = cy.min[y] - rowFirst;
            int n = cy.count[y];
            java.util.Arrays.fill(sums, half);
            // Row by row over the taps, so the inner loop runs along memory (same sums, same order per pixel).
            for (int k = 0; k < n; k++) {
                int w = cy.weights[kBase + k];
                int row = (ymin + k) * midStride;
                for (int c = 0; c < midStride; c++) {
                    sums[c] += (mid[row + c] & 0xFF) * w;
                }
            }
            int o = y * midStride;
            for (int c = 0; c < midStride; c++) {
                out[o + c] = clip8(sums[c]);
            }
        }
        return new RgbImage(winWidth, winHeight, out);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }

    /** Per output position: first source index, number of taps, fixed-point weights. */
    private static final class Coefficients {
        final int size;
        final int[] min;
        final int[] count;
        final int[] weights;

        private Coefficients(int size, int n) {
            this.size = size;
            this.min = new int[n];
            this.count = new int[n];
            this.weights = new int[size * n];
        }

        static Coefficients identity(int from, int n) {
            Coefficients c = new Coefficients(1, n);
            for (int i = 0; i < n; i++) {
                c.min[i] = from + i;
                c.count[i] = 1;
                c.weights[i] = 1 << PRECISION_BITS;
            }
            return c;
        }

        /** Pillow's precompute_coeffs for the bilinear filter, then normalize_coeffs_8bpc. */
        static Coefficients of(int inSize, double in0, double in1, int outSize, int from, int n) {
            double scale = (in1 - in0) / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            Coefficients c = new Coefficients(size, n);
            double[] k = new double[size];
            for (int i = 0; i < n; i++) {
                int xx = from + i;
                double center = in0 + (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                double ww = 0;
                for (int x = 0; x < xmax; x++) {
                    double w = triangle((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double w = ww != 0 ? k[x] / ww : k[x];
                    c.weights[i * size + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                            : 0.5 + w * (1 << PRECISION_BITS));
                }
                c.min[i] = xmin;
                c.count[i] = xmax;
            }
            return c;
        }

        private static double triangle(double x) {
            if (x < 0) {
                x = -x;
            }
            return x < 1 ? 1 - x : 0;
        }
    }
}
