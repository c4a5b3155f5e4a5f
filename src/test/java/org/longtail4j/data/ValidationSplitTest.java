package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

/**
 * The validation split held out per class (data.validation_per_class): the rule that keeps the training
 * images as they were, the shortfall of classes that keep every image, disjointness, and the error for a
 * class too small to give N images and keep one.
 */
class ValidationSplitTest {

    /** CIFAR-100's shape: 500 per class, labels interleaved. */
    static final ImageDataset CIFAR100 = LongTailSplitTest.balanced(500, 100);
    static final LongTailProfile IR100 = LongTailProfile.exponential(100);

    /**
     * The split as the toolkit drew it before validation splits existed, written out again here: per
     * class in label order, a partial Fisher-Yates shuffle of the class's positions (dataset order) by
     * one SplittableRandom(seed), the first q kept.
     */
    static int[] todaysTrainingIndices(ImageDataset balanced, int[] quota, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> kept = new ArrayList<>();
        for (int label = 0; label < quota.length; label++) {
            int c = label;
            int[] pool = IntStream.range(0, balanced.size()).filter(i -> balanced.label(i) == c).toArray();
            for (int i = 0; i < quota[label]; i++) {
                int j = i + random.nextInt(pool.length - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
            for (int i = 0; i < quota[label]; i++) {
                kept.add(pool[i]);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] ofClass(ImageDataset data, int[] indices, int label) {
        return IntStream.of(indices).filter(i -> data.label(i) == label).toArray();
    }

    @Test
    void withoutValidationTheTrainingImagesAreTodays() {
        for (long seed : new long[] {0, 7}) {
            LongTailSplit split = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), seed, 0, 0);
            int[] quota = IR100.countsByRank(500, 100);
            assertArrayEquals(todaysTrainingIndices(CIFAR100, quota, seed), split.indices(), "seed " + seed);
            assertEquals(0, split.validationIndices().length);
            assertEquals(0, split.validationPerClass());
            assertFalse(split.description().contains("validation"), split.description());
        }
    }

    @Test
    void classesWithEnoughUnusedImagesKeepExactlyTheirTrainingImages() {
        int n = 20;
        LongTailSplit split = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), 0, 0, n);
        int[] quota = IR100.countsByRank(500, 100);
        int[] today = todaysTrainingIndices(CIFAR100, quota, 0);
        int unchanged = 0;
        for (int label = 0; label < 100; label++) {
            int[] before = ofClass(CIFAR100, today, label);
            int[] after = ofClass(CIFAR100, split.indices(), label);
            if (quota[label] + n <= 500) {
                assertArrayEquals(before, after, "class " + label + " has " + (500 - quota[label]) + " unused images");
                unchanged++;
            } else {
                // A head class gives up the shortfall from its kept images and keeps a subset of them.
                assertEquals(500 - n, after.length, "class " + label);
                Set<Integer> kept = new HashSet<>();
                IntStream.of(before).forEach(kept::add);
                assertTrue(IntStream.of(after).allMatch(kept::contains), "class " + label + " keeps a subset");
            }
            assertEquals(Math.min(quota[label], 500 - n), split.classCounts()[label], "count of class " + label);
        }
        assertTrue(unchanged >= 90, unchanged + " classes unchanged");
        assertEquals(500 - n, split.classCounts()[0], "class 0 kept all 500: 20 of them are now validation");
        assertTrue(split.description().contains("validation: 20 images per class"), split.description());
    }

    @Test
    void validationImagesAreNPerClassAndDisjointFromTraining() {
        int n = 20;
        LongTailSplit split = LongTailSplit.create(CIFAR100, IR100, ClassOrder.permuted(3), 5, 0, n);
        int[] validation = split.validationIndices();
        assertEquals(100 * n, validation.length);
        assertTrue(IntStream.range(1, validation.length).allMatch(i -> validation[i] > validation[i - 1]),
                "ascending, no repeats");
        Set<Integer> training = new HashSet<>();
        IntStream.of(split.indices()).forEach(training::add);
        assertTrue(IntStream.of(validation).noneMatch(training::contains), "no validation image is trained on");
        for (int label = 0; label < 100; label++) {
            assertEquals(n, ofClass(CIFAR100, validation, label).length, "class " + label);
        }
        // A class that keeps every image gives all its images to training or validation, none left out.
        int head = split.rankToLabel()[0];
        assertEquals(500, ofClass(CIFAR100, split.indices(), head).length + ofClass(CIFAR100, validation, head).length);
    }

    @Test
    void unusedImagesAreChosenUniformlyNotInDatasetOrder() {
        // Tail classes keep a handful and leave ~480 unused: a uniform choice of 20 among them sits around
        // the middle of the class's dataset order; the first unused positions of the shuffle would not.
        LongTailSplit split = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), 0, 0, 20);
        double rankSum = 0;
        int count = 0;
        for (int label = 50; label < 100; label++) {
            for (int index : ofClass(CIFAR100, split.validationIndices(), label)) {
                rankSum += index / 100; // position of the image within its class (labels cycle 0..99)
                count++;
            }
        }
        double meanRank = rankSum / count;
        assertTrue(meanRank > 200 && meanRank < 300, "mean position within the class " + meanRank);
    }

    @Test
    void theDrawIsSeededAndRepeatable() {
        LongTailSplit a = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), 1, 0, 10);
        LongTailSplit b = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), 1, 0, 10);
        LongTailSplit c = LongTailSplit.create(CIFAR100, IR100, ClassOrder.natural(), 2, 0, 10);
        assertArrayEquals(a.validationIndices(), b.validationIndices());
        assertArrayEquals(a.indices(), b.indices());
        assertNotEquals(Arrays.toString(a.validationIndices()), Arrays.toString(c.validationIndices()));
    }

    @Test
    void maxPerClassCapsTheKeptImagesNotTheUnusedOnes() {
        // The demo's cut: at most 30 kept per class; the images above the cap are unused, so even the head
        // class keeps all 30 and validation comes from the rest.
        ImageDataset data = LongTailSplitTest.balanced(60, 10);
        LongTailSplit without = LongTailSplit.create(data, LongTailProfile.exponential(10), ClassOrder.natural(), 0, 30);
        LongTailSplit with = LongTailSplit.create(data, LongTailProfile.exponential(10), ClassOrder.natural(), 0, 30, 10);
        assertArrayEquals(without.indices(), with.indices());
        assertArrayEquals(without.classCounts(), with.classCounts());
        assertEquals(100, with.validationIndices().length);
    }

    @Test
    void aClassTooSmallForNPlusOneImagesIsOneClearError() {
        int[] labels = IntStream.range(0, 30).map(i -> i < 25 ? i % 2 : 2).toArray(); // classes of 13, 12, 5
        ImageDataset data = LongTailSplitTest.dataset(labels, 3);
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailSplit.create(data,
                LongTailProfile.exponential(1), ClassOrder.natural(), 0, 0, 5));
        assertEquals("config key 'data.validation_per_class' is 5, but class 2 (c2) of toy/train has only 5 images;"
                + " expected at most 4 so that it keeps a training image", e.getMessage());
        // N = 4 leaves class 2 one training image.
        LongTailSplit split = LongTailSplit.create(data, LongTailProfile.exponential(1), ClassOrder.natural(), 0, 0, 4);
        assertEquals(1, split.classCounts()[2]);
    }
}
