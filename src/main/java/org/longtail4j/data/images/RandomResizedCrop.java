package org.longtail4j.data.images;

import java.util.random.RandomGenerator;

/**
 * torchvision's RandomResizedCrop: the crop box by its 10-attempt algorithm and fallback
 * ({@code RandomResizedCrop.get_params}), then a bilinear, antialiased resize of the box to size x size
 * (PIL's, {@link PilResample}).
 *
 * <p>Per attempt: target area = A * Uniform(scale), aspect = exp(Uniform(ln ratio_min, ln ratio_max)),
 * w = round(sqrt(target * aspect)), h = round(sqrt(target / aspect)) with ties to even (Python's round);
 * the first box with 0 &lt; w &lt;= W and 0 &lt; h &lt;= H is placed at top ~ UniformInt[0, H - h], left ~
 * UniformInt[0, W - w]. If none fits: the largest centred box whose aspect is clamped into the ratio range.
 * The draws come from a Java generator, so they follow torchvision's distributions, not its numbers.
 */
public final class RandomResizedCrop {

    private final int size;
    private final double scaleMin;
    private final double scaleMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final double ratioMin;
    private final double ratioMax;

    /** torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3). */
    public RandomResizedCrop(int size) {
        this(size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    public RandomResizedCrop(int size, double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
        this.size = size;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.logRatioMin = Math.log(ratioMin);
        this.logRatioMax = Math.log(ratioMax);
    }

    public int size() {
        return size;
    }

    /** The crop box for an image of width x height. */
    public CropBox box(int width, int height, RandomGenerator random) {
        double area = (double) width * height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (scaleMin + (scaleMax - scaleMin) * random.nextDouble());
            double aspect = Math.exp(logRatioMin + (logRatioMax - logRatioMin) * random.nextDouble());
            int w = (int) Math.rint(Math.sqrt(target * aspect));
            int h = (int) Math.rint(Math.sqrt(target / aspect));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new CropBox(top, left, h, w);
            }
        }
        return fallback(width, height);
    }

    /** The box when no attempt fits: the centred box with the aspect clamped into [ratio_min, ratio_max]. */
    public CropBox fallback(int width, int height) {
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = width;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = height;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = width;
            h = height;
        }
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    /**
     * The box cropped, then resized to size x size. torchvision crops first (a new PIL image), so the
     * filter's taps stop at the box's edges; resizing with PIL's {@code box} argument instead would let
     * them reach the pixels around the box.
     */
    public RgbImage apply(RgbImage image, CropBox box) {
        return PilResample.resize(image.crop(box), size, size);
    }
}
