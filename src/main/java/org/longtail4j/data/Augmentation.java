package org.longtail4j.data;

import java.util.SplittableRandom;

/**
 * The references' image pipeline, done on bytes in Java so it is cheap and exactly reproducible:
 * training images are zero-padded by {@code pad} pixels, randomly cropped back to their size,
 * flipped left-right with probability 1/2 and, when {@code degrees > 0}, turned by an angle drawn
 * uniformly from [-degrees, degrees] ({@link NearestRotation}: RIDE's RandomRotation, after the crop and
 * flip as in its transform list); every image is scaled to [0, 1] and normalised per channel. Test
 * images are only normalised.
 *
 * <p>Padding and rotation happen before normalisation, as torchvision's Pad and RandomRotation on the
 * uint8 image do, so padded and rotated-in pixels become (0 - mean) / std.
 *
 * <p>The draws come from the generator {@link #write} is given, in this order: crop rows, crop columns
 * (when {@code pad > 0}), flip (when {@code flip}), angle (when {@code degrees > 0}). Without rotation
 * nothing more is drawn, so a run without it makes the same images as before rotation existed.
 */
public final class Augmentation {

    private final int pad;
    private final boolean flip;
    private final double degrees;
    private final float[] mean;
    private final float[] std;

    /** Crop and flip only, no rotation. */
    public Augmentation(int pad, boolean flip, float[] mean, float[] std) {
        this(pad, flip, 0, mean, std);
    }

    /**
     * @param pad zero padding before the random crop (0 = no crop)
     * @param flip whether to flip left-right with probability 1/2
     * @param degrees the largest rotation either way (0 = none)
     */
    public Augmentation(int pad, boolean flip, double degrees, float[] mean, float[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        if (!(degrees >= 0 && degrees <= 180)) {
            throw new IllegalArgumentException("rotation degrees " + degrees + " outside [0, 180]");
        }
        this.pad = pad;
        this.flip = flip;
        this.degrees = degrees;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The per-channel mean it normalises with (0-1 scale). */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviation it normalises with (0-1 scale). */
    public float[] std() {
        return std.clone();
    }

    /** This augmentation applied to the images of {@code data}, for a {@link BatchStream}. */
    public SampleMaker maker(ImageDataset data) {
        return new SampleMaker() {
            @Override
            public int channels() {
                return data.channels();
            }

            @Override
            public int height() {
                return data.height();
            }

            @Override
            public int width() {
                return data.width();
            }

            @Override
            public boolean write(int index, SplittableRandom random, float[] out, int offset) {
                Augmentation.this.write(data, index, random, out, offset);
                return true;
            }
        };
    }

    /**
     * One training image's random choices: the crop window moved by ({@code dy}, {@code dx}) from the
     * centre of the padded image, the flip, and the angle in degrees counter-clockwise (0 = none).
     */
    public record Draws(int dy, int dx, boolean mirror, double angle) {
        /** No augmentation: the test-time path. */
        public static final Draws NONE = new Draws(0, 0, false, 0);
    }

    /** The next image's draws from {@code random}, in the order the class comment gives. */
    public Draws draw(SplittableRandom random) {
        int dy = 0;
        int dx = 0;
        if (pad > 0) {
            dy = random.nextInt(2 * pad + 1) - pad;
            dx = random.nextInt(2 * pad + 1) - pad;
        }
        boolean mirror = flip && random.nextBoolean();
        double angle = degrees > 0 ? -degrees + 2 * degrees * random.nextDouble() : 0;
        return new Draws(dy, dx, mirror, angle);
    }

    /**
     * Writes image {@code index} of {@code data}, as C*H*W floats, into {@code out} at {@code offset}.
     *
     * @param random the draws for the crop, flip and angle; null for the test-time path (no augmentation)
     */
    public void write(ImageDataset data, int index, SplittableRandom random, float[] out, int offset) {
        writeWith(data, index, random == null ? Draws.NONE : draw(random), out, offset);
    }

    /** Writes image {@code index} of {@code data} for given draws: the crop, then the flip, then the rotation. */
    public void writeWith(ImageDataset data, int index, Draws draws, float[] out, int offset) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        if (mean.length != c) {
            throw new IllegalArgumentException(
                    data.name() + " has " + c + " channels but normalisation has " + mean.length + " values");
        }
        int dy = draws.dy();
        int dx = draws.dx();
        boolean mirror = draws.mirror();
        int[] rotated = draws.angle() == 0 ? null : NearestRotation.sources(draws.angle(), h, w);
        for (int ch = 0; ch < c; ch++) {
            float zero = -mean[ch] / std[ch];
            float scale = 1f / (255f * std[ch]);
            float shift = -mean[ch] / std[ch];
            int plane = ch * h * w;
            int o = offset + ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // (ry, rx): the pixel of the cropped, flipped image that lands at (y, x) after the rotation
                    int ry = y;
                    int rx = x;
                    if (rotated != null) {
                        int r = rotated[y * w + x];
                        if (r < 0) {
                            out[o++] = zero;
                            continue;
                        }
                        ry = r / w;
                        rx = r % w;
                    }
                    int sy = ry + dy;
                    int sx = (mirror ? w - 1 - rx : rx) + dx;
                    out[o++] = sy < 0 || sy >= h || sx < 0 || sx >= w
                            ? zero
                            : data.pixel(index, plane + sy * w + sx) * scale + shift;
                }
            }
        }
    }
}
