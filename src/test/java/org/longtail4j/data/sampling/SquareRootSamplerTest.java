package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SquareRootSamplerTest {

    private static final int[] LABELS = SamplingFixtures.labels(SamplingFixtures.COUNTS);

    private static double[] squareRootProportions() {
        double[] p = Arrays.stream(SamplingFixtures.COUNTS).mapToDouble(Math::sqrt).toArray();
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(x -> x / sum).toArray();
    }

    /** Class frequencies follow sqrt(n_c); 27.877 is the chi-square 0.999 quantile for 9 degrees of freedom. */
    @Test
    void classesFollowSquareRootOfCounts() {
        double[] p = squareRootProportions();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] positions = new SquareRootSampler(SamplingFixtures.context(9, "primary")).epoch(epoch);
            assertEquals(LABELS.length, positions.length);
            int[] freq = SamplingFixtures.classFrequencies(positions, LABELS, 10);
            double chi2 = SamplingFixtures.chiSquare(freq, p);
            assertTrue(chi2 < 27.877, "epoch " + epoch + ": chi2 " + chi2 + " " + Arrays.toString(freq));
        }
    }

    /** Neither the instance nor the class-balanced proportions pass the same test: it can fail. */
    @Test
    void otherSamplersFailTheSquareRootTest() {
        double[] p = squareRootProportions();
        int[] balanced = SamplingFixtures.classFrequencies(ClassBalancedSamplerTest.sampler(LABELS, 10, 9).epoch(0), LABELS, 10);
        int[] instance = SamplingFixtures.classFrequencies(InstanceSamplerTest.sampler(LABELS.length, 9).epoch(0), LABELS, 10);
        assertTrue(SamplingFixtures.chiSquare(balanced, p) > 100);
        assertTrue(SamplingFixtures.chiSquare(instance, p) > 100);
    }

    @Test
    void deterministicFromSeedAndEpoch() {
        assertArrayEquals(sampler(3, "primary").epoch(0), sampler(3, "primary").epoch(0));
        assertFalse(Arrays.equals(sampler(3, "primary").epoch(0), sampler(4, "primary").epoch(0)));
        assertFalse(Arrays.equals(sampler(3, "primary").epoch(0), sampler(3, "primary").epoch(1)));
        assertFalse(Arrays.equals(sampler(3, "primary").epoch(0), sampler(3, "fusing").epoch(0)));
    }

    private static SquareRootSampler sampler(long seed, String purpose) {
        return new SquareRootSampler(SamplingFixtures.context(seed, purpose));
    }
}
