package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

class LongTailSplitTest {

    @TempDir
    Path dir;

    /** A 1x1x1-pixel stand-in for a balanced set; labels cycle 0, 1, ..., C-1 so classes interleave. */
    static ImageDataset balanced(int perClass, int numClasses) {
        int[] labels = IntStream.range(0, perClass * numClasses).map(i -> i % numClasses).toArray();
        return dataset(labels, numClasses);
    }

    static ImageDataset dataset(int[] labels, int numClasses) {
        List<String> names = IntStream.range(0, numClasses).mapToObj(c -> "c" + c).collect(Collectors.toList());
        return new ImageDataset("toy/train", new byte[labels.length], labels, 1, 1, 1, names);
    }

    static final ImageDataset CIFAR100 = balanced(500, 100);

    @Test
    void cifar100ExponentialNatural() {
        LongTailSplit split = LongTailSplit.create(CIFAR100, LongTailProfile.exponential(100), ClassOrder.natural(), 0);
        assertEquals(10847, split.size());
        int[] expected = LongTailProfile.exponential(100).countsByRank(500, 100);
        assertArrayEquals(expected, split.classCounts());
        assertArrayEquals(IntStream.range(0, 100).toArray(), split.rankToLabel());
        assertArrayEquals(expected, recount(CIFAR100, split.indices()));
        assertStrictlyAscendingInRange(split.indices(), CIFAR100.size());
        assertTrue(split.description().contains("exponential, IR 100"), split.description());
        assertTrue(split.description().contains("natural"), split.description());
    }

    @Test
    void permutedOrderMovesTheQuotasButNotTheTotal() {
        LongTailSplit split = LongTailSplit.create(
                CIFAR100, LongTailProfile.exponential(200), ClassOrder.permuted(3), 0);
        assertEquals(9502, split.size());
        int[] byRank = LongTailProfile.exponential(200).countsByRank(500, 100);
        int[] order = split.rankToLabel();
        assertArrayEquals(IntStream.range(0, 100).toArray(), IntStream.of(order).sorted().toArray());
        assertFalse(Arrays.equals(IntStream.range(0, 100).toArray(), order));
        int[] counts = split.classCounts();
        for (int rank = 0; rank < 100; rank++) {
            assertEquals(byRank[rank], counts[order[rank]], "rank " + rank);
        }
        assertArrayEquals(counts, recount(CIFAR100, split.indices()));
        assertTrue(split.description().contains("permuted (seed 3)"), split.description());
        assertFalse(Arrays.equals(order, ClassOrder.permuted(4).rankToLabel(100)));
        assertArrayEquals(order, ClassOrder.permuted(3).rankToLabel(100));
    }

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        LongTailProfile profile = LongTailProfile.exponential(50);
        int[] a = LongTailSplit.create(CIFAR100, profile, ClassOrder.natural(), 11).indices();
        int[] b = LongTailSplit.create(CIFAR100, profile, ClassOrder.natural(), 11).indices();
        int[] c = LongTailSplit.create(CIFAR100, profile, ClassOrder.natural(), 12).indices();
        assertArrayEquals(a, b);
        assertEquals(12608, c.length);
        assertFalse(Arrays.equals(a, c));
    }

    /**
     * Keeping 3 of a class's 10 images over 3000 seeds, each image should be kept 900 times. Chi-square
     * over the 10 images, 9 degrees of freedom; 27.877 is the 0.999 quantile (scipy.stats.chi2.ppf(0.999, 9)).
     */
    @Test
    void choiceWithinAClassIsUniform() {
        ImageDataset data = balanced(10, 2);
        int[] kept = new int[20];
        int seeds = 3000;
        for (int seed = 0; seed < seeds; seed++) {
            // step, IR 10/3: class 0 keeps 10, class 1 keeps floor(10 / (10/3)) = 3
            LongTailSplit split = LongTailSplit.create(data, LongTailProfile.step(10.0 / 3), ClassOrder.natural(), seed);
            assertArrayEquals(new int[] {10, 3}, split.classCounts());
            for (int index : split.indices()) {
                kept[index]++;
            }
        }
        double expected = seeds * 3 / 10.0;
        double chi2 = 0;
        for (int i = 1; i < 20; i += 2) {
            chi2 += (kept[i] - expected) * (kept[i] - expected) / expected;
        }
        assertTrue(chi2 < 27.877, "chi2 " + chi2);
        for (int i = 0; i < 20; i += 2) {
            assertEquals(seeds, kept[i]);
        }
    }

    @Test
    void nmaxIsTheSmallestClass() {
        // class 0: 6 images, class 1: 4 images -> nMax 4; step IR 2 keeps 4 and 2
        ImageDataset data = dataset(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 0}, 2);
        LongTailSplit split = LongTailSplit.create(data, LongTailProfile.step(2), ClassOrder.natural(), 5);
        assertArrayEquals(new int[] {4, 2}, split.classCounts());
        assertArrayEquals(new int[] {4, 2}, recount(data, split.indices()));
    }

    @Test
    void classWithoutImagesIsRejected() {
        ImageDataset data = dataset(new int[] {0, 0, 2, 2}, 3);
        BadInputException e = assertThrows(BadInputException.class,
                () -> LongTailSplit.create(data, LongTailProfile.step(2), ClassOrder.natural(), 0));
        assertTrue(e.getMessage().contains("class 1 (c1)"), e.getMessage());
        assertTrue(e.getMessage().contains("toy/train"), e.getMessage());
    }

    @Test
    void indexFileRoundTrip() throws IOException {
        LongTailSplit split = LongTailSplit.create(CIFAR100, LongTailProfile.exponential(100), ClassOrder.natural(), 0);
        Path file = dir.resolve("cifar100_ir100.txt");
        split.writeIndexFile(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(10847, lines.size());
        assertEquals(Integer.toString(split.indices()[0]), lines.get(0));

        LongTailSplit back = LongTailSplit.readIndexFile(file, CIFAR100);
        assertArrayEquals(split.indices(), back.indices());
        assertArrayEquals(split.classCounts(), back.classCounts());
        assertArrayEquals(split.rankToLabel(), back.rankToLabel());
        assertTrue(back.description().contains(file.toString()), back.description());
    }

    @Test
    void readIndexFileCountsFromLabelsAndRanksByCount() throws IOException {
        // labels of toy set: i % 3 -> indices 5, 2 are class 2; 4 is class 1; 0 is class 0
        ImageDataset data = balanced(3, 3);
        Path file = write("5\n\n  2 \r\n4\n0\n");
        LongTailSplit split = LongTailSplit.readIndexFile(file, data);
        assertArrayEquals(new int[] {0, 2, 4, 5}, split.indices());
        assertArrayEquals(new int[] {1, 1, 2}, split.classCounts());
        assertArrayEquals(new int[] {2, 0, 1}, split.rankToLabel());
    }

    @Test
    void nonIntegerLineIsNamed() throws IOException {
        Path file = write("1\n2\n3.0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(file, CIFAR100));
        assertTrue(e.getMessage().contains(file + " line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("\"3.0\""), e.getMessage());
    }

    @Test
    void outOfRangeIndexIsNamed() throws IOException {
        Path file = write("1\n50000\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(file, CIFAR100));
        assertTrue(e.getMessage().contains(file + " line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("0..49999"), e.getMessage());
        Path negative = write("-1\n");
        assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(negative, CIFAR100));
    }

    @Test
    void duplicateIndexNamesBothLines() throws IOException {
        Path file = write("7\n8\n9\n8\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(file, CIFAR100));
        assertTrue(e.getMessage().contains(file + " line 4: index 8 repeats line 2"), e.getMessage());
    }

    @Test
    void emptyOrMissingFileIsRejected() throws IOException {
        Path empty = write("\n\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(empty, CIFAR100));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        Path missing = dir.resolve("missing.txt");
        e = assertThrows(BadInputException.class, () -> LongTailSplit.readIndexFile(missing, CIFAR100));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "indices", ".txt");
        Files.writeString(file, text);
        return file;
    }

    private static int[] recount(ImageDataset data, int[] indices) {
        int[] counts = new int[data.numClasses()];
        for (int i : indices) {
            counts[data.label(i)]++;
        }
        return counts;
    }

    private static void assertStrictlyAscendingInRange(int[] indices, int size) {
        for (int i = 0; i < indices.length; i++) {
            assertTrue(indices[i] >= 0 && indices[i] < size);
            assertTrue(i == 0 || indices[i] > indices[i - 1], "position " + i);
        }
    }
}
