package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClassBalancedSamplerTest {

    private static final int[] LABELS = SamplingFixtures.labels(SamplingFixtures.COUNTS);

    /**
     * On CIFAR-10-LT at IR 100 (5000 down to 50 images), one epoch of N = 12406 slots should spread
     * evenly over the 10 classes. 27.877 is the chi-square 0.999 quantile for 9 degrees of freedom
     * (scipy.stats.chi2.ppf(0.999, 9)).
     */
    @Test
    void classesAreUniform() {
        assertEquals(12406, LABELS.length);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] positions = sampler(LABELS, 10, 5).epoch(epoch);
            assertEquals(LABELS.length, positions.length);
            int[] freq = SamplingFixtures.classFrequencies(positions, LABELS, 10);
            double chi2 = SamplingFixtures.chiSquare(freq, SamplingFixtures.uniform(10));
            assertTrue(chi2 < 27.877, "epoch " + epoch + ": chi2 " + chi2 + " " + Arrays.toString(freq));
        }
    }

    /** The same statistic on an instance pass is huge: the test above can fail. */
    @Test
    void instancePassIsFarFromUniform() {
        int[] freq = SamplingFixtures.classFrequencies(InstanceSamplerTest.sampler(LABELS.length, 5).epoch(0), LABELS, 10);
        assertTrue(SamplingFixtures.chiSquare(freq, SamplingFixtures.uniform(10)) > 10_000);
    }

    /**
     * Within the rarest class (50 images) every image is equally likely: over 20 epochs about 12406 * 20 / 10
     * draws land in the class. 85.351 is the chi-square 0.999 quantile for 49 degrees of freedom.
     */
    @Test
    void instancesWithinAClassAreUniform() {
        ClassBalancedSampler sampler = sampler(LABELS, 10, 6);
        int[] tail = positionsOf(9);
        assertEquals(50, tail.length);
        int[] hits = new int[LABELS.length];
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int p : sampler.epoch(epoch)) {
                hits[p]++;
            }
        }
        int[] observed = Arrays.stream(tail).map(p -> hits[p]).toArray();
        double chi2 = SamplingFixtures.chiSquare(observed, SamplingFixtures.uniform(50));
        assertTrue(chi2 < 85.351, "chi2 " + chi2);
    }

    @Test
    void classesWithoutImagesAreSkipped() {
        int[] labels = {0, 0, 0, 0, 2, 3, 3, 3};
        int[] positions = sampler(labels, 4, 1).epoch(0);
        assertEquals(8, positions.length);
        int[] total = new int[4];
        ClassBalancedSampler sampler = sampler(labels, 4, 1);
        for (int epoch = 0; epoch < 300; epoch++) {
            int[] freq = SamplingFixtures.classFrequencies(sampler.epoch(epoch), labels, 4);
            for (int c = 0; c < 4; c++) {
                total[c] += freq[c];
            }
        }
        assertEquals(0, total[1]);
        // 2400 draws over three classes; 13.816 = chi2(0.999, 2 dof)
        int[] present = {total[0], total[2], total[3]};
        assertTrue(SamplingFixtures.chiSquare(present, SamplingFixtures.uniform(3)) < 13.816,
                Arrays.toString(total));
    }

    @Test
    void deterministicFromSeedAndEpoch() {
        assertArrayEquals(sampler(LABELS, 10, 3).epoch(2),
                sampler(LABELS, 10, 3).epoch(2));
        assertFalse(Arrays.equals(sampler(LABELS, 10, 3).epoch(2),
                sampler(LABELS, 10, 4).epoch(2)));
        assertFalse(Arrays.equals(sampler(LABELS, 10, 3).epoch(2),
                sampler(LABELS, 10, 3).epoch(3)));
    }

    /** The sampler of {@code sampler: class-balanced} over {@code labels}, in stage1 of run {@code seed}. */
    static ClassBalancedSampler sampler(int[] labels, int numClasses, long seed) {
        return new ClassBalancedSampler(SamplingFixtures.context(labels, numClasses, seed, "primary", 128));
    }

    private static int[] positionsOf(int label) {
        return IntStream.range(0, LABELS.length).filter(i -> LABELS[i] == label).toArray();
    }
}
