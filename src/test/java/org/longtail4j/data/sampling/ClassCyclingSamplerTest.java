package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * RIDE's router-stage sampler (class-cycling): N slots an epoch, each a uniform class, then that class's next
 * image from its own list, walked without replacement and reshuffled when used up, the walk going on across
 * epochs; an epoch computed on its own (a resumed run) is the same.
 */
class ClassCyclingSamplerTest {

    private static final int EPOCHS = 3;

    @Test
    void uniformClassesAndPerClassWalksWithoutReplacementAcrossEpochs() {
        int[] labels = SamplingFixtures.labels(SamplingFixtures.COUNTS);
        Sampler sampler = SamplerRegistry.create("class-cycling", SamplingFixtures.context(4, "primary"));
        List<Integer> all = new ArrayList<>();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int[] positions = sampler.epoch(epoch);
            assertEquals(labels.length, positions.length, "N positions an epoch");
            // df 9: the 0.001 critical value is 27.88
            double chi2 = SamplingFixtures.chiSquare(SamplingFixtures.classFrequencies(positions, labels, 10),
                    SamplingFixtures.uniform(10));
            assertTrue(chi2 < 27.88, "classes drawn uniformly, chi2 " + chi2);
            for (int p : positions) {
                all.add(p);
            }
        }
        for (int c = 0; c < 10; c++) {
            final int label = c;
            int[] own = IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            int[] walk = all.stream().mapToInt(Integer::intValue).filter(p -> labels[p] == label).toArray();
            for (int start = 0; start + own.length <= walk.length; start += own.length) {
                int[] chunk = Arrays.copyOfRange(walk, start, start + own.length);
                Arrays.sort(chunk);
                assertArrayEquals(own, chunk, "class " + c + ": each pass over its list takes every image once");
            }
        }
        int[] tail = Arrays.stream(all.stream().mapToInt(Integer::intValue).toArray())
                .filter(p -> labels[p] == 9).toArray();
        assertTrue(tail.length > 3 * SamplingFixtures.COUNTS[9], "the rarest class's list goes round several times");
    }

    @Test
    void anEpochComputedAloneIsTheSame() {
        Sampler first = SamplerRegistry.create("class-cycling", SamplingFixtures.context(9, "primary"));
        first.epoch(0);
        first.epoch(1);
        int[] continued = first.epoch(2);
        Sampler resumed = SamplerRegistry.create("class-cycling", SamplingFixtures.context(9, "primary"));
        assertArrayEquals(continued, resumed.epoch(2));
        Sampler otherSeed = SamplerRegistry.create("class-cycling", SamplingFixtures.context(10, "primary"));
        assertTrue(!Arrays.equals(continued, otherSeed.epoch(2)));
    }

    @Test
    void aClassWithoutImagesIsNeverDrawn() {
        int[] labels = {0, 0, 0, 1, 1, 3};
        Sampler sampler = SamplerRegistry.create("class-cycling", SamplingFixtures.context(labels, 4, 1, "primary", 2));
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int p : sampler.epoch(epoch)) {
                assertTrue(labels[p] != 2);
            }
        }
    }
}
