package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.random.RandomGenerator;

/**
 * The rectangle CutMix and CMO paste, rows [rowFrom, rowTo) and columns [colFrom, colTo) of an H x W
 * image, drawn as the references' {@code rand_bbox} does: per axis of length L (rows, then columns) the
 * cut is floor(L * sqrt(1 - lambda)), the centre a uniform integer in [0, L), and the interval
 * [centre - floor(cut / 2), centre + floor(cut / 2)) clipped to [0, L]. An odd cut therefore loses one
 * pixel (the unclipped width is 2 * floor(cut / 2)), and a box near a border is cut short; the mixing
 * corrects lambda to the area actually pasted ({@link #keptFraction}).
 */
record CutBox(int rowFrom, int rowTo, int colFrom, int colTo, int height, int width) {

    /** Draws the centre (row first, then column) and builds the box for {@code lambda}. */
    static CutBox draw(double lambda, int height, int width, RandomGenerator random) {
        int centreRow = random.nextInt(height);
        int centreCol = random.nextInt(width);
        return around(lambda, height, width, centreRow, centreCol);
    }

    /** The box for {@code lambda} around a given centre. */
    static CutBox around(double lambda, int height, int width, int centreRow, int centreCol) {
        double ratio = Math.sqrt(1 - lambda);
        int halfRows = (int) Math.floor(height * ratio) / 2;
        int halfCols = (int) Math.floor(width * ratio) / 2;
        return new CutBox(clip(centreRow - halfRows, height), clip(centreRow + halfRows, height),
                clip(centreCol - halfCols, width), clip(centreCol + halfCols, width), height, width);
    }

    private static int clip(int value, int length) {
        return Math.max(0, Math.min(length, value));
    }

    int area() {
        return (rowTo - rowFrom) * (colTo - colFrom);
    }

    /** lambda' = 1 - area / (H * W): the fraction of each image that stays background. */
    double keptFraction() {
        return 1 - (double) area() / ((double) height * width);
    }

    /**
     * A copy of {@code background} [B, C, H, W] whose box holds {@code foreground}'s pixels (sample i with
     * sample i), in the background's manager.
     */
    NDArray paste(NDArray background, NDArray foreground) {
        NDArray out = background.duplicate();
        if (area() > 0) {
            NDIndex box = new NDIndex(":, :, {}:{}, {}:{}", rowFrom, rowTo, colFrom, colTo);
            try (NDArray patch = foreground.get(box)) {
                out.set(box, patch);
            }
        }
        return out;
    }
}
