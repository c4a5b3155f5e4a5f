package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.util.Shuffle;

/** Batches of one epoch: independent of prefetching, fixed by (seed, epoch), cut alike across streams. */
class BatchStreamTest {

    private static final int N = 103;
    private static final int B = 10;
    private static final int SIDE = 5;

    private static final ImageDataset DATA = dataset();
    private static final Augmentation TRAIN = new Augmentation(2, true, new float[] {0.3f}, new float[] {0.4f});
    private static final Augmentation TEST = new Augmentation(0, false, new float[] {0.3f}, new float[] {0.4f});

    private static ImageDataset dataset() {
        byte[] pixels = new byte[N * SIDE * SIDE];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (1 + random.nextInt(255));
        }
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = (i * 7) % 4;
        }
        return new ImageDataset("synthetic", pixels, labels, 1, SIDE, SIDE, List.of("a", "b", "c", "d"));
    }

    /** A permutation of 0..n-1 drawn here, independent of the library's samplers. */
    private static int[] shuffled(int n, long seed) {
        int[] order = Shuffle.identity(n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static List<List<HostBatch>> all(List<int[]> orders, boolean train, long seed, int epoch, int prefetch) {
        List<List<HostBatch>> batches = new ArrayList<>();
        try (BatchStream stream = new BatchStream(DATA, train ? TRAIN : TEST, train, orders, B, seed, epoch, prefetch)) {
            while (stream.hasNext()) {
                batches.add(stream.next());
            }
            assertThrows(NoSuchElementException.class, stream::next);
        }
        return batches;
    }

    private static void assertSameBatches(List<List<HostBatch>> a, List<List<HostBatch>> b, String what) {
        assertEquals(a.size(), b.size(), what);
        for (int i = 0; i < a.size(); i++) {
            for (int s = 0; s < a.get(i).size(); s++) {
                HostBatch x = a.get(i).get(s);
                HostBatch y = b.get(i).get(s);
                assertArrayEquals(x.indices(), y.indices(), what + ": indices of batch " + i);
                assertArrayEquals(x.labels(), y.labels(), what + ": labels of batch " + i);
                assertArrayEquals(x.pixels(), y.pixels(), what + ": pixels of batch " + i);
            }
        }
    }

    private static boolean samePixels(List<List<HostBatch>> a, List<List<HostBatch>> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).get(0).pixels(), b.get(i).get(0).pixels())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theBatchesDoNotDependOnThePrefetchDepth() {
        List<int[]> orders = List.of(shuffled(N, 1), shuffled(N, 2));
        List<List<HostBatch>> direct = all(orders, true, 42, 3, 0);
        for (int prefetch : new int[] {1, 3, 20}) {
            assertSameBatches(direct, all(orders, true, 42, 3, prefetch), "prefetch " + prefetch);
        }
    }

    @Test
    void theSameSeedAndEpochGiveTheSameBatchesAgain() {
        List<int[]> orders = List.of(shuffled(N, 1));
        assertSameBatches(all(orders, true, 42, 3, 2), all(orders, true, 42, 3, 2), "a second pass");
    }

    @Test
    void anotherEpochOrSeedDrawsOtherAugmentations() {
        List<int[]> orders = List.of(shuffled(N, 1));
        List<List<HostBatch>> base = all(orders, true, 42, 3, 0);
        assertFalse(samePixels(base, all(orders, true, 42, 4, 0)), "epoch 4 repeats epoch 3's crops and flips");
        assertFalse(samePixels(base, all(orders, true, 43, 3, 0)), "seed 43 repeats seed 42's crops and flips");
    }

    @Test
    void batchesFollowTheOrderAndTheLastOneIsShort() {
        int[] order = shuffled(N, 9);
        List<List<HostBatch>> batches = all(List.of(order), true, 0, 0, 1);
        assertEquals((N + B - 1) / B, batches.size());
        assertEquals(11, batches.size());
        for (int i = 0; i < batches.size(); i++) {
            HostBatch b = batches.get(i).get(0);
            int expectedSize = i < 10 ? B : N - 10 * B;
            assertEquals(expectedSize, b.size(), "batch " + i);
            assertArrayEquals(Arrays.copyOfRange(order, i * B, i * B + expectedSize), b.indices());
            for (int k = 0; k < b.size(); k++) {
                assertEquals(DATA.label(b.indices()[k]), b.labels()[k]);
            }
            assertEquals(expectedSize * SIDE * SIDE, b.pixels().length);
            assertEquals(1, b.channels());
            assertEquals(SIDE, b.height());
        }
        assertEquals(3, batches.get(10).get(0).size());
    }

    @Test
    void anExactMultipleHasNoShortBatchAndASmallSetOneBatch() {
        assertEquals(10, all(List.of(shuffled(100, 1)), false, 0, 0, 0).size());
        List<List<HostBatch>> one = all(List.of(shuffled(7, 1)), false, 0, 0, 2);
        assertEquals(1, one.size());
        assertEquals(7, one.get(0).get(0).size());
        try (BatchStream empty = new BatchStream(DATA, TEST, false, List.of(new int[0]), B, 0, 0, 2)) {
            assertEquals(0, empty.batches());
            assertFalse(empty.hasNext());
        }
    }

    @Test
    void twoStreamsAreCutAtTheSamePositions() {
        int[] first = shuffled(N, 1);
        int[] second = shuffled(N, 2);
        List<List<HostBatch>> batches = all(List.of(first, second), true, 42, 0, 2);
        for (int i = 0; i < batches.size(); i++) {
            List<HostBatch> pair = batches.get(i);
            assertEquals(2, pair.size());
            assertEquals(pair.get(0).size(), pair.get(1).size(), "batch " + i);
            int to = Math.min(N, i * B + B);
            assertArrayEquals(Arrays.copyOfRange(first, i * B, to), pair.get(0).indices());
            assertArrayEquals(Arrays.copyOfRange(second, i * B, to), pair.get(1).indices());
        }
    }

    @Test
    void theTwoStreamsDrawTheirOwnAugmentations() {
        int[] order = shuffled(N, 1);
        List<List<HostBatch>> batches = all(List.of(order, order), true, 42, 0, 0);
        int differ = 0;
        for (List<HostBatch> pair : batches) {
            assertArrayEquals(pair.get(0).indices(), pair.get(1).indices());
            if (!Arrays.equals(pair.get(0).pixels(), pair.get(1).pixels())) {
                differ++;
            }
        }
        assertEquals(batches.size(), differ, "the same images in both streams got the same crops and flips");
    }

    @Test
    void streamsOfDifferentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BatchStream(DATA, TRAIN, true, List.of(shuffled(N, 1), shuffled(N - 1, 2)), B, 0, 0, 0));
    }

    @Test
    void evaluationBatchesAreTheNormalisedImagesInOrder() {
        List<List<HostBatch>> batches = all(List.of(Shuffle.identity(N)), false, 0, 0, 2);
        float[] one = new float[SIDE * SIDE];
        for (int i = 0; i < batches.size(); i++) {
            HostBatch b = batches.get(i).get(0);
            for (int k = 0; k < b.size(); k++) {
                int index = i * B + k;
                assertEquals(index, b.indices()[k]);
                for (int p = 0; p < SIDE * SIDE; p++) {
                    double want = (DATA.pixel(index, p) / 255.0 - 0.3) / 0.4;
                    assertEquals(want, b.pixels()[k * SIDE * SIDE + p], 1e-5);
                }
            }
        }
        // evaluation ignores the seed and epoch: nothing random happens
        assertSameBatches(batches, all(List.of(Shuffle.identity(N)), false, 99, 7, 0), "evaluation");
        TEST.write(DATA, 0, null, one, 0);
        assertArrayEquals(one, Arrays.copyOf(batches.get(0).get(0).pixels(), SIDE * SIDE));
    }

    @Test
    void closingEarlyWhilePrefetchingReturnsPromptly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchStream stream = new BatchStream(DATA, TRAIN, true, List.of(shuffled(N, 1)), B, 0, 0, 3)) {
                assertTrue(stream.hasNext());
                stream.next();
            }
        });
    }
}
