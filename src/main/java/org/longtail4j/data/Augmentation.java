package org.longtail4j.data;

import java.util.SplittableRandom;

/**
 * The references' image pipeline, done on bytes in Java so it is cheap and exactly reproducible:
 * training images are zero-padded by {@code pad} pixels, randomly cropped back to their size and
 * flipped left-right with probability 1/2; every image is scaled to [0, 1] and normalised per
 * channel. Test images are only normalised.
 *
 * <p>Padding happens before normalisation, as torchvision's Pad on the uint8 image does, so padded
 * pixels become (0 - mean) / std.
 */
public final class Augmentation {

    private final int pad;
    private final boolean flip;
    private final float[] mean;
    private final float[] std;

    public Augmentation(int pad, boolean flip, float[] mean, float[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        this.pad = pad;
        this.flip = flip;
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
     * Writes image {@code index} of {@code data}, as C*H*W floats, into {@code out} at {@code offset}.
     *
     * @param random the draws for the crop and flip; null for the test-time path (no augmentation)
     */
    public void write(ImageDataset data, int index, SplittableRandom random, float[] out, int offset) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        if (mean.length != c) {
            throw new IllegalArgumentException(
                    data.name() + " has " + c + " channels but normalisation has " + mean.length + " values");
        }
        int dy = 0;
        int dx = 0;
        boolean mirror = false;
        if (random != null) {
            if (pad > 0) {
                dy = random.nextInt(2 * pad + 1) - pad;
                dx = random.nextInt(2 * pad + 1) - pad;
            }
            mirror = flip && random.nextBoolean();
        }
        for (int ch = 0; ch < c; ch++) {
            float zero = -mean[ch] / std[ch];
            float scale = 1f / (255f * std[ch]);
            float shift = -mean[ch] / std[ch];
            int plane = ch * h * w;
            int o = offset + ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) + dx;
                    out[o++] = sy < 0 || sy >= h || sx < 0 || sx >= w
                            ? zero
                            : data.pixel(index, plane + sy * w + sx) * scale + shift;
                }
            }
        }
    }
}
