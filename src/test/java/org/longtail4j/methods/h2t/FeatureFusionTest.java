package org.longtail4j.methods.h2t;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H2T's fusion as the spec states it (docs: /work/shared/spec/h2t.md, step 5): exactly k = int(p * C)
 * channels, one uniformly random subset per call shared by the whole batch, samples paired by position,
 * hard replacement that leaves every other value untouched bit for bit, one independent subset per map.
 *
 * <p>The maps are built so that the two sources never share a value (balanced > 0, instance < 0), so
 * which channels were replaced can be read back from the fused map alone.
 */
class FeatureFusionTest {

    private static final int B = 3;
    private static final int H = 2;
    private static final int W = 3;

    /**
     * k = int(p * C) on the double product, truncated as the authors' Python does: where p * C lands a
     * hair below an integer (0.29 * 100 = 28.999999999999996) k is one less than the decimal arithmetic
     * would say; where it lands a hair above (0.14 * 100 = 14.000000000000002) it is the integer. Expected
     * values from Python 3, {@code int(p * C)}.
     */
    @ParameterizedTest(name = "p {0}, C {1} -> k {2}")
    @CsvSource({
        "0.0, 64, 0", "0.25, 64, 16", "0.3, 64, 19", "1.0, 64, 64",
        "0.29, 100, 28", "0.57, 100, 56", "0.58, 100, 57", "0.14, 100, 14", "0.28, 100, 28", "0.56, 100, 56",
        "0.07, 100, 7", "0.7, 10, 7", "0.1, 10, 1", "0.9, 10, 9", "0.35, 20, 7", "0.6, 5, 3",
        "0.33, 3, 0", "0.3333333333333333, 3, 1", "0.1, 2048, 204", "0.3, 2048, 614", "0.05, 1, 0", "1.0, 1, 1"
    })
    void replacesExactlyIntOfPTimesCChannels(double p, int channels, int expected) {
        FeatureFusion fusion = new FeatureFusion(p);
        assertEquals(expected, fusion.channelsReplaced(channels));
        SplittableRandom random = new SplittableRandom(17);
        for (int draw = 0; draw < 5; draw++) {
            int[] chosen = fusion.drawChannels(channels, random);
            assertEquals(expected, chosen.length, "subset size");
            assertEquals(expected, Arrays.stream(chosen).distinct().count(), "distinct channels");
            assertTrue(Arrays.stream(chosen).allMatch(c -> c >= 0 && c < channels), "channels in range");
        }
    }

    @ParameterizedTest(name = "p {0}, C {1}")
    @CsvSource({"0.29, 100", "0.25, 64", "0.57, 100", "0.5, 7"})
    void fusedMapHasKInstanceChannelsTheSameForEverySample(double p, int channels) {
        FeatureFusion fusion = new FeatureFusion(p);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray balanced = manager.create(values(channels, 1), new Shape(B, channels, H, W));
            NDArray instance = manager.create(values(channels, -1), new Shape(B, channels, H, W));
            SplittableRandom random = new SplittableRandom(5);
            for (int draw = 0; draw < 4; draw++) {
                float[] fused = fusion.fuse(balanced, instance, random).toFloatArray();
                Set<Integer> first = replacedChannels(fused, 0, channels);
                assertEquals(fusion.channelsReplaced(channels), first.size(), "replaced channels of sample 0");
                for (int b = 1; b < B; b++) {
                    assertEquals(first, replacedChannels(fused, b, channels), "sample " + b + " uses the same subset");
                }
            }
        }
    }

    @Test
    void replacedChannelsComeFromTheSameSamplePositionAndTheRestIsUntouchedBitForBit() {
        int channels = 8;
        FeatureFusion fusion = new FeatureFusion(0.5);
        float[] balancedValues = values(channels, 1);
        float[] instanceValues = values(channels, -1);
        // Values a sloppy implementation would disturb (blend, add zero, round): signed zero,
        // subnormals, extremes, infinities, a NaN.
        float[] awkward = {-0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 1e-38f, 0.1f, 16777217f};
        for (int i = 0; i < balancedValues.length; i++) {
            balancedValues[i] = awkward[i % awkward.length];
            instanceValues[i] = awkward[(i + 3) % awkward.length];
        }
        int[] subset = {1, 4, 5, 7};
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(B, channels, H, W);
            float[] fused = fusion.fuse(manager.create(balancedValues, shape), manager.create(instanceValues, shape),
                    subset).toFloatArray();
            Set<Integer> replaced = new HashSet<>(List.of(1, 4, 5, 7));
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < H * W; i++) {
                        int at = ((b * channels) + c) * H * W + i;
                        float want = replaced.contains(c) ? instanceValues[at] : balancedValues[at];
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(fused[at]),
                                "sample " + b + ", channel " + c + ", position " + i);
                    }
                }
            }
        }
    }

    @Test
    void ratioZeroLeavesTheMapsAsTheyAreAndRatioOneTakesEveryChannel() {
        int channels = 16;
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(B, channels, H, W);
            float[] balancedValues = values(channels, 1);
            float[] instanceValues = values(channels, -1);
            NDArray balanced = manager.create(balancedValues, shape);
            NDArray instance = manager.create(instanceValues, shape);
            SplittableRandom random = new SplittableRandom(3);

            FeatureFusion none = new FeatureFusion(0);
            assertEquals(0, none.drawChannels(channels, random).length);
            assertArrayEquals(balancedValues, none.fuse(balanced, instance, random).toFloatArray());
            NDList both = none.fuseAll(new NDList(balanced, balanced), new NDList(instance, instance), random);
            assertArrayEquals(balancedValues, both.get(0).toFloatArray());
            assertArrayEquals(balancedValues, both.get(1).toFloatArray());

            FeatureFusion all = new FeatureFusion(1);
            int[] every = all.drawChannels(channels, random);
            assertArrayEquals(java.util.stream.IntStream.range(0, channels).toArray(), every);
            assertArrayEquals(instanceValues, all.fuse(balanced, instance, random).toFloatArray());
        }
    }

    @Test
    void eachCallDrawsAFreshSubset() {
        FeatureFusion fusion = new FeatureFusion(0.25);
        SplittableRandom random = new SplittableRandom(11);
        Set<String> seen = new HashSet<>();
        int draws = 200;
        for (int i = 0; i < draws; i++) {
            seen.add(Arrays.toString(fusion.drawChannels(64, random)));
        }
        // C(64, 16) ~ 4.9e14 subsets: any repeat among 200 uniform draws is practically impossible.
        assertEquals(draws, seen.size(), "200 draws, all different");

        // The same through fuse: consecutive iterations (one generator) replace different channels.
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(B, 64, 1, 1);
            NDArray balanced = manager.create(values(64, 1, 1), shape);
            NDArray instance = manager.create(values(64, -1, 1), shape);
            SplittableRandom iterations = new SplittableRandom(2);
            Set<Integer> a = replacedChannels(fusion.fuse(balanced, instance, iterations).toFloatArray(), 0, 64, 1);
            Set<Integer> b = replacedChannels(fusion.fuse(balanced, instance, iterations).toFloatArray(), 0, 64, 1);
            assertEquals(16, a.size());
            assertEquals(16, b.size());
            assertNotEquals(a, b);
        }

        // Different seeds (different runs or iterations) draw differently; the same seed draws the same.
        assertNotEquals(Arrays.toString(fusion.drawChannels(64, new SplittableRandom(1))),
                Arrays.toString(fusion.drawChannels(64, new SplittableRandom(2))));
        assertArrayEquals(fusion.drawChannels(64, new SplittableRandom(1)),
                fusion.drawChannels(64, new SplittableRandom(1)));
    }

    /**
     * Every channel is equally likely to be replaced: over 4000 draws of 16 of 64 channels each channel's
     * count is compared with 1000 by Pearson's statistic. Within one draw the channels are drawn without
     * replacement, which makes the statistic smaller than a chi-square with 63 degrees of freedom, so the
     * chi-square bound (p = 0.001: 103.4) is conservative. A generator that favoured low or high indices
     * (e.g. a biased Fisher-Yates) fails by orders of magnitude.
     */
    @Test
    void everyChannelIsEquallyLikelyToBeReplaced() {
        FeatureFusion fusion = new FeatureFusion(0.25);
        SplittableRandom random = new SplittableRandom(2024);
        int channels = 64;
        int draws = 4000;
        int[] counts = new int[channels];
        for (int d = 0; d < draws; d++) {
            for (int c : fusion.drawChannels(channels, random)) {
                counts[c]++;
            }
        }
        double expected = draws * 16.0 / channels;
        double chi2 = 0;
        for (int count : counts) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < 103.4, "chi-square " + chi2 + " over channel counts " + Arrays.toString(counts));
    }

    /**
     * Not only each channel: every subset of size k is equally likely. With C = 5, p = 0.4 (k = 2) there
     * are 10 subsets; 10,000 draws, chi-square with 9 degrees of freedom, bound 27.88 (p = 0.001).
     */
    @Test
    void everySubsetIsEquallyLikely() {
        FeatureFusion fusion = new FeatureFusion(0.4);
        SplittableRandom random = new SplittableRandom(99);
        Map<String, Integer> counts = new HashMap<>();
        int draws = 10_000;
        for (int d = 0; d < draws; d++) {
            counts.merge(Arrays.toString(fusion.drawChannels(5, random)), 1, Integer::sum);
        }
        assertEquals(10, counts.size(), "all 10 subsets of 2 of 5 channels occur: " + counts.keySet());
        double expected = draws / 10.0;
        double chi2 = 0;
        for (int count : counts.values()) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < 27.88, "chi-square " + chi2 + " over subset counts " + counts);
    }

    /**
     * Multi-branch models: each map draws its own subset. Two independent 16-of-64 subsets share 4
     * channels on average (hypergeometric: 16 * 16 / 64), with standard deviation 1.5; one subset reused
     * for both maps would share all 16. Maps of different widths each get their own k.
     */
    @Test
    void fuseAllDrawsAnIndependentSubsetPerMap() {
        FeatureFusion fusion = new FeatureFusion(0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray balanced = manager.create(values(64, 1, 1), new Shape(B, 64, 1, 1));
            NDArray instance = manager.create(values(64, -1, 1), new Shape(B, 64, 1, 1));
            NDArray narrowBalanced = manager.create(values(32, 1, 1), new Shape(B, 32, 1, 1));
            NDArray narrowInstance = manager.create(values(32, -1, 1), new Shape(B, 32, 1, 1));
            SplittableRandom random = new SplittableRandom(8);
            int draws = 100;
            long overlap = 0;
            for (int d = 0; d < draws; d++) {
                NDList fused = fusion.fuseAll(new NDList(balanced, balanced, narrowBalanced),
                        new NDList(instance, instance, narrowInstance), random);
                Set<Integer> first = replacedChannels(fused.get(0).toFloatArray(), 0, 64, 1);
                Set<Integer> second = replacedChannels(fused.get(1).toFloatArray(), 0, 64, 1);
                Set<Integer> third = replacedChannels(fused.get(2).toFloatArray(), 0, 32, 1);
                assertEquals(16, first.size());
                assertEquals(16, second.size());
                assertEquals(8, third.size(), "k of a 32-channel map");
                for (int b = 1; b < B; b++) {
                    assertEquals(second, replacedChannels(fused.get(1).toFloatArray(), b, 64, 1));
                }
                Set<Integer> common = new TreeSet<>(first);
                common.retainAll(second);
                overlap += common.size();
            }
            double meanOverlap = overlap / (double) draws;
            // Mean of 100 draws: 4 +- 0.15 (one standard error); 3..5 is more than 6 standard errors wide.
            assertTrue(meanOverlap > 3 && meanOverlap < 5, "mean overlap of the two subsets " + meanOverlap);

            assertThrows(IllegalArgumentException.class,
                    () -> fusion.fuseAll(new NDList(balanced, balanced), new NDList(instance), random));
        }
    }

    /**
     * Hard replacement also backwards: a fused value depends on exactly one source, so the gradient
     * of sum(fused * g) is g on the kept channels of the balanced map, g on the grafted channels of
     * the instance map, and zero elsewhere (no blending, no leak across samples).
     */
    @Test
    void gradientsFollowTheReplacement() {
        int channels = 4;
        FeatureFusion fusion = new FeatureFusion(0.5);
        int[] subset = {0, 2};
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, channels, 1, 2);
            NDArray balanced = manager.create(values(channels, 1, 2, 2), shape);
            NDArray instance = manager.create(values(channels, -1, 2, 2), shape);
            float[] g = new float[(int) shape.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = i + 1;
            }
            balanced.setRequiresGradient(true);
            instance.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(fusion.fuse(balanced, instance, subset).mul(manager.create(g, shape)).sum());
            }
            float[] gb = balanced.getGradient().toFloatArray();
            float[] gi = instance.getGradient().toFloatArray();
            for (int i = 0; i < g.length; i++) {
                int c = (i / 2) % channels;
                boolean grafted = c == 0 || c == 2;
                assertEquals(grafted ? 0 : g[i], gb[i], "d/d balanced at " + i);
                assertEquals(grafted ? g[i] : 0, gi[i], "d/d instance at " + i);
            }
        }
    }

    @Test
    void rejectsRatiosOutsideZeroOneAndMapsOfDifferentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureFusion(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new FeatureFusion(1.01));
        assertThrows(IllegalArgumentException.class, () -> new FeatureFusion(Double.NaN));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.zeros(new Shape(2, 4, 1, 1));
            NDArray b = manager.zeros(new Shape(2, 8, 1, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> new FeatureFusion(0.5).fuse(a, b, new SplittableRandom(1)));
        }
    }

    /** B x channels x H x W values, all of the given sign, distinct per position. */
    private static float[] values(int channels, int sign) {
        return values(channels, sign, H * W);
    }

    private static float[] values(int channels, int sign, int spatial) {
        return values(channels, sign, spatial, B);
    }

    private static float[] values(int channels, int sign, int spatial, int batch) {
        float[] v = new float[batch * channels * spatial];
        for (int i = 0; i < v.length; i++) {
            v[i] = sign * (i + 1);
        }
        return v;
    }

    private static Set<Integer> replacedChannels(float[] fused, int sample, int channels) {
        return replacedChannels(fused, sample, channels, H * W);
    }

    /** Channels of {@code sample} whose values are all negative (instance); the others must be all positive. */
    private static Set<Integer> replacedChannels(float[] fused, int sample, int channels, int spatial) {
        Set<Integer> replaced = new TreeSet<>();
        for (int c = 0; c < channels; c++) {
            int from = (sample * channels + c) * spatial;
            int negative = 0;
            for (int i = 0; i < spatial; i++) {
                float v = fused[from + i];
                // the fused value must be the value at the same position of one of the two maps
                assertEquals(Math.abs(v), from + i + 1, "value at sample " + sample + ", channel " + c);
                if (v < 0) {
                    negative++;
                }
            }
            assertTrue(negative == 0 || negative == spatial, "channel " + c + " is replaced as a whole");
            if (negative == spatial) {
                replaced.add(c);
            }
        }
        return replaced;
    }
}
