package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InstanceSamplerTest {

    @Test
    void everyPositionOncePerEpochInANewOrder() {
        InstanceSampler sampler = sampler(1000, 42);
        int[] identity = IntStream.range(0, 1000).toArray();
        int[] previous = null;
        for (int epoch = 0; epoch < 5; epoch++) {
            int[] order = sampler.epoch(epoch);
            assertEquals(1000, order.length);
            assertArrayEquals(identity, IntStream.of(order).sorted().toArray(), "epoch " + epoch);
            assertFalse(Arrays.equals(identity, order));
            if (previous != null) {
                assertFalse(Arrays.equals(previous, order), "epoch " + epoch + " repeats the previous one");
            }
            previous = order;
        }
    }

    @Test
    void deterministicFromSeedAndEpoch() {
        assertArrayEquals(sampler(500, 7).epoch(3), sampler(500, 7).epoch(3));
        assertFalse(Arrays.equals(sampler(500, 7).epoch(3), sampler(500, 8).epoch(3)));
    }

    /** Position 0 should land in each of 10 slots equally often over 5000 epochs; 27.877 = chi2(0.999, 9 dof). */
    @Test
    void shuffleIsUniform() {
        InstanceSampler sampler = sampler(10, 1);
        int[] slotOfZero = new int[10];
        for (int epoch = 0; epoch < 5000; epoch++) {
            int[] order = sampler.epoch(epoch);
            for (int slot = 0; slot < 10; slot++) {
                if (order[slot] == 0) {
                    slotOfZero[slot]++;
                }
            }
        }
        double chi2 = SamplingFixtures.chiSquare(slotOfZero, SamplingFixtures.uniform(10));
        assertFalse(chi2 >= 27.877, "chi2 " + chi2 + " " + Arrays.toString(slotOfZero));
    }

    @Test
    void deterministicPerStagePurpose() {
        assertFalse(Arrays.equals(sampler(500, 7).epoch(3), new InstanceSampler(new InstanceSampler.Settings(),
                SamplingFixtures.context(new int[500], 1, 7, "fusing", 1)).epoch(3)));
    }

    @Test
    void emptySetAndNegativeEpoch() {
        assertEquals(0, sampler(0, 1).epoch(0).length);
        assertThrows(IllegalArgumentException.class, () -> sampler(5, 1).epoch(-1));
    }

    /** The sampler of {@code sampler: instance} over {@code size} positions of one class, in stage1 of run {@code seed}. */
    static InstanceSampler sampler(int size, long seed) {
        return new InstanceSampler(new InstanceSampler.Settings(),
                SamplingFixtures.context(new int[size], 1, seed, "primary", 1));
    }
}
