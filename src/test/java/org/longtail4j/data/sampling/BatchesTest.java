package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void lastBatchIsShortNothingDropped() {
        List<int[]> batches = Batches.split(new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, 4);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {9, 8, 7, 6}, batches.get(0));
        assertArrayEquals(new int[] {5, 4, 3, 2}, batches.get(1));
        assertArrayEquals(new int[] {1, 0}, batches.get(2));
    }

    @Test
    void exactAndOversizedAndEmpty() {
        assertEquals(2, Batches.split(new int[8], 4).size());
        assertEquals(1, Batches.split(new int[3], 128).size());
        assertEquals(0, Batches.split(new int[0], 4).size());
        assertThrows(IllegalArgumentException.class, () -> Batches.split(new int[3], 0));
    }

    /** H2T pairs batch b of the instance pass with batch b of the balanced pass: same count, same sizes. */
    @Test
    void instanceAndBalancedPassesPairUp() {
        int[] labels = SamplingFixtures.labels(SamplingFixtures.COUNTS);
        List<int[]> instance = Batches.split(new InstanceSampler(labels.length, 1).epoch(0), 128);
        List<int[]> balanced = Batches.split(new ClassBalancedSampler(labels, 10, 2).epoch(0), 128);
        // ceil(12406 / 128) = 97, the last one 12406 - 96 * 128 = 118
        assertEquals(97, instance.size());
        assertEquals(97, balanced.size());
        assertEquals(118, instance.get(96).length);
        assertArrayEquals(instance.stream().mapToInt(b -> b.length).toArray(),
                balanced.stream().mapToInt(b -> b.length).toArray());
        assertArrayEquals(IntStream.range(0, labels.length).toArray(),
                instance.stream().flatMapToInt(IntStream::of).sorted().toArray());
    }
}
