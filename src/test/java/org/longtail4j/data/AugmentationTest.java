package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training pipeline of the references (torchvision: Pad(4) with zeros on the uint8 image,
 * RandomCrop back to H x W, RandomHorizontalFlip, ToTensor, Normalize), checked pixel by pixel against
 * expectations written here from that definition.
 */
class AugmentationTest {

    private static final int C = 2;
    private static final int H = 6;
    private static final int W = 7;
    private static final float[] MEAN = {0.25f, 0.5f};
    private static final float[] STD = {0.5f, 0.2f};

    /** Distinct, non-zero values per (image, channel, y, x), so a shift or a zero pad shows. */
    private static int value(int image, int ch, int y, int x) {
        return 1 + (image * 97 + ch * 50 + y * W + x) % 250;
    }

    private static ImageDataset dataset(int images) {
        byte[] pixels = new byte[images * C * H * W];
        int[] labels = new int[images];
        int i = 0;
        for (int n = 0; n < images; n++) {
            labels[n] = n % 3;
            for (int ch = 0; ch < C; ch++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        pixels[i++] = (byte) value(n, ch, y, x);
                    }
                }
            }
        }
        return new ImageDataset("synthetic", pixels, labels, C, H, W, List.of("a", "b", "c"));
    }

    /** (v / 255 - mean) / std in double precision. */
    private static double normalised(int v, int ch) {
        return (v / 255.0 - MEAN[ch]) / STD[ch];
    }

    /**
     * The expected training image for crop offset (dy, dx) in [-pad, pad] (the crop window's corner in
     * the padded image, minus pad) and flip: crop[y][x] = padded[y + dy + pad][x + dx + pad], then
     * flipped[y][x] = crop[y][W - 1 - x]. Outside the source image the padded value is 0.
     */
    private static double[] expected(int image, int dy, int dx, boolean flip) {
        double[] out = new double[C * H * W];
        int o = 0;
        for (int ch = 0; ch < C; ch++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int cx = flip ? W - 1 - x : x;
                    int sy = y + dy;
                    int sx = cx + dx;
                    int v = sy < 0 || sy >= H || sx < 0 || sx >= W ? 0 : value(image, ch, sy, sx);
                    out[o++] = normalised(v, ch);
                }
            }
        }
        return out;
    }

    private static boolean close(double[] expected, float[] actual, int offset) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[offset + i]) > 1e-5) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withoutRandomEveryPixelIsOnlyNormalised() {
        ImageDataset data = dataset(3);
        Augmentation augmentation = new Augmentation(4, true, MEAN, STD);
        float[] out = new float[2 + 3 * C * H * W];
        for (int n = 0; n < 3; n++) {
            augmentation.write(data, n, null, out, 2 + n * C * H * W);
        }
        assertEquals(0f, out[0]);
        assertEquals(0f, out[1]);
        for (int n = 0; n < 3; n++) {
            double[] want = expected(n, 0, 0, false);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], out[2 + n * C * H * W + i], 1e-5, "image " + n + " value " + i);
            }
        }
        // by hand: image 1, channel 1, y 2, x 3 holds 1 + (97 + 50 + 17) % 250 = 165
        assertEquals(165, value(1, 1, 2, 3));
        assertEquals((165 / 255.0 - 0.5) / 0.2, out[2 + C * H * W + H * W + 2 * W + 3], 1e-5);
    }

    @Test
    void extremePixelValuesNormaliseExactly() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 1};
        ImageDataset data = new ImageDataset("corners", pixels, new int[] {0}, 1, 2, 2, List.of("only"));
        float[] out = new float[4];
        new Augmentation(0, false, new float[] {0.2860f}, new float[] {0.3530f}).write(data, 0, null, out, 0);
        assertEquals(-0.2860 / 0.3530, out[0], 1e-6);
        assertEquals((1 - 0.2860) / 0.3530, out[1], 1e-6);
        assertEquals((128 / 255.0 - 0.2860) / 0.3530, out[2], 1e-6);
        assertEquals((1 / 255.0 - 0.2860) / 0.3530, out[3], 1e-6);
    }

    /** Which (dy, dx, flip) explains {@code out}; fails unless exactly one does. */
    private static int[] identify(int image, float[] out, int pad, boolean flips) {
        List<int[]> matches = new ArrayList<>();
        for (int dy = -pad; dy <= pad; dy++) {
            for (int dx = -pad; dx <= pad; dx++) {
                for (int f = 0; f <= (flips ? 1 : 0); f++) {
                    if (close(expected(image, dy, dx, f == 1), out, 0)) {
                        matches.add(new int[] {dy, dx, f});
                    }
                }
            }
        }
        if (matches.size() != 1) {
            fail("output is explained by " + matches.size() + " crops/flips, expected exactly one");
        }
        return matches.get(0);
    }

    @Test
    void padFourCropMovesPixelsExactlyAndCoversEveryOffset() {
        ImageDataset data = dataset(1);
        Augmentation augmentation = new Augmentation(4, false, MEAN, STD);
        int[][] seen = new int[9][9];
        float[] out = new float[C * H * W];
        int draws = 2000;
        for (int seed = 0; seed < draws; seed++) {
            augmentation.write(data, 0, new SplittableRandom(seed), out, 0);
            int[] m = identify(0, out, 4, false);
            seen[m[0] + 4][m[1] + 4]++;
        }
        for (int dy = 0; dy < 9; dy++) {
            for (int dx = 0; dx < 9; dx++) {
                // uniform over 81 offsets: about 24.7 each; a bias towards some offsets would show
                assertTrue(seen[dy][dx] > 5 && seen[dy][dx] < 60,
                        "offset (" + (dy - 4) + ", " + (dx - 4) + ") seen " + seen[dy][dx] + " times in " + draws);
            }
        }
    }

    @Test
    void paddedPixelsAreMinusMeanOverStd() {
        ImageDataset data = dataset(1);
        Augmentation augmentation = new Augmentation(4, false, MEAN, STD);
        float[] out = new float[C * H * W];
        boolean found = false;
        for (int seed = 0; seed < 500 && !found; seed++) {
            augmentation.write(data, 0, new SplittableRandom(seed), out, 0);
            int[] m = identify(0, out, 4, false);
            if (m[0] == 4 && m[1] == -4) { // window moved down and left: bottom 4 rows, left 4 columns padded
                found = true;
                for (int ch = 0; ch < C; ch++) {
                    float pad = -MEAN[ch] / STD[ch];
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            float v = out[ch * H * W + y * W + x];
                            if (y + 4 >= H || x - 4 < 0) {
                                assertEquals(pad, v, 1e-6, "padded pixel (" + ch + ", " + y + ", " + x + ")");
                            } else {
                                assertEquals(normalised(value(0, ch, y + 4, x - 4), ch), v, 1e-5);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(found, "no seed below 500 drew the offset (4, -4)");
    }

    @Test
    void flipMirrorsEachRowAndHappensHalfTheTime() {
        ImageDataset data = dataset(2);
        Augmentation augmentation = new Augmentation(0, true, MEAN, STD);
        float[] out = new float[C * H * W];
        int flipped = 0;
        int draws = 400;
        for (int seed = 0; seed < draws; seed++) {
            augmentation.write(data, 1, new SplittableRandom(seed), out, 0);
            boolean plain = close(expected(1, 0, 0, false), out, 0);
            boolean mirror = close(expected(1, 0, 0, true), out, 0);
            assertTrue(plain ^ mirror, "seed " + seed + ": neither the image nor its mirror");
            if (mirror) {
                flipped++;
                // spot check by hand: row 0 of channel 0 ends with the source's first pixel
                assertEquals(normalised(value(1, 0, 0, 0), 0), out[W - 1], 1e-5);
            }
        }
        assertTrue(flipped > 150 && flipped < 250, "flipped " + flipped + " of " + draws);
    }

    @Test
    void cropAndFlipTogetherAndTheSameForEveryChannel() {
        ImageDataset data = dataset(1);
        Augmentation augmentation = new Augmentation(2, true, MEAN, STD);
        float[] out = new float[C * H * W];
        boolean[] flips = new boolean[2];
        for (int seed = 0; seed < 300; seed++) {
            augmentation.write(data, 0, new SplittableRandom(seed), out, 0);
            // identify() matches all channels at once, so one (dy, dx, flip) holds for both
            int[] m = identify(0, out, 2, true);
            flips[m[2]] = true;
        }
        assertTrue(flips[0] && flips[1]);
    }

    @Test
    void sameDrawsSameImage() {
        ImageDataset data = dataset(1);
        Augmentation augmentation = new Augmentation(4, true, MEAN, STD);
        float[] a = new float[C * H * W];
        float[] b = new float[C * H * W];
        augmentation.write(data, 0, new SplittableRandom(77), a, 0);
        augmentation.write(data, 0, new SplittableRandom(77), b, 0);
        assertArrayEquals(a, b);
    }

    @Test
    void normalisationMustHaveOneValuePerChannel() {
        ImageDataset data = dataset(1);
        Augmentation oneChannel = new Augmentation(0, false, new float[] {0.5f}, new float[] {0.5f});
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> oneChannel.write(data, 0, null, new float[C * H * W], 0));
    }
}
