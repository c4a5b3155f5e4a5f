package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.data.LongTailProfile;
import org.longtail4j.util.Shuffle;

class ClassAwareSamplerTest {

    /**
     * Batches per epoch at B = 128 on CIFAR-100-LT (N = 9502 / 10847 / 12608 at IR 200 / 100 / 50):
     * cRT's int(N / B) and MiSLAS's ceil(N / B) + 1 (76 / 86 / 100, methods-single.md section 5).
     */
    @Test
    void epochLengthRules() {
        int[][] expected = {{200, 9502, 74, 76}, {100, 10847, 84, 86}, {50, 12608, 98, 100}};
        for (int[] row : expected) {
            int[] counts = LongTailProfile.exponential(row[0]).countsByRank(500, 100);
            int[] labels = SamplingFixtures.labels(counts);
            assertEquals(row[1], labels.length);
            SamplerContext context = SamplingFixtures.context(labels, 100, 1, "balanced", 128);
            assertEquals(row[2] * 128, SamplerRegistry.create("class-aware", context).epoch(0).length, "IR " + row[0]);
            assertEquals(row[3] * 128, SamplerRegistry.create(
                    Map.of("type", "class-aware", "epoch_length", "ceil_plus_one"), context).epoch(3).length);
        }
    }

    /**
     * Over consecutive epochs (whose length here is a multiple of 4): runs of 4 positions from one class;
     * every 10 visits a permutation of the 10 classes; each class's own positions, cut into runs of its
     * size, each a permutation of its images (walked without replacement, reshuffled when exhausted).
     */
    @Test
    void classPassesAndPerClassWalksWithoutReplacement() {
        int[] labels = SamplingFixtures.labels(SamplingFixtures.COUNTS);
        Sampler sampler = SamplerRegistry.create("class-aware", SamplingFixtures.context(4, "balanced"));
        List<Integer> all = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int p : sampler.epoch(epoch)) {
                all.add(p);
            }
        }
        assertEquals(3 * 96 * 128, all.size());
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        int[] visited = new int[all.size() / 4];
        for (int v = 0; v < visited.length; v++) {
            int c = labels[all.get(4 * v)];
            for (int s = 0; s < 4; s++) {
                assertEquals(c, labels[all.get(4 * v + s)], "visit " + v);
                byClass.get(c).add(all.get(4 * v + s));
            }
            visited[v] = c;
        }
        for (int pass = 0; (pass + 1) * 10 <= visited.length; pass++) {
            int[] classes = Arrays.copyOfRange(visited, 10 * pass, 10 * pass + 10);
            assertArrayEquals(IntStream.range(0, 10).toArray(), IntStream.of(classes).sorted().toArray(),
                    "pass " + pass);
        }
        assertFalse(Arrays.equals(Arrays.copyOfRange(visited, 0, 10), Arrays.copyOfRange(visited, 10, 20)),
                "the class order is reshuffled after a pass");
        for (int c = 0; c < 10; c++) {
            int c0 = c;
            int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == c0).toArray();
            List<Integer> walk = byClass.get(c);
            assertTrue(walk.size() >= members.length || c < 3, "class " + c + " walked " + walk.size());
            for (int from = 0; from + members.length <= walk.size(); from += members.length) {
                int[] chunk = walk.subList(from, from + members.length).stream().mapToInt(Integer::intValue).sorted()
                        .toArray();
                assertArrayEquals(members, chunk, "class " + c + " from " + from);
            }
        }
    }

    /**
     * Epoch e computed directly equals epoch e of the obvious implementation, persistent iterators walked
     * from epoch 0, also when an epoch ends inside a visit (5 per class, 12 or 18 positions) and when the
     * epochs are asked for out of order (as a resumed run does).
     */
    @Test
    void anyEpochEqualsTheWalkFromEpochZero() {
        int[] labels = {0, 1, 0, 4, 0, 2, 0, 1, 0, 4, 0, 1, 0};
        for (String rule : List.of("floor", "ceil_plus_one")) {
            for (int perVisit : new int[] {1, 4, 5}) {
                SamplerContext context = SamplingFixtures.context(labels, 5, 7, "balanced", 3);
                Sampler direct = SamplerRegistry.create(
                        Map.of("type", "class-aware", "samples_per_class", perVisit, "epoch_length", rule), context);
                Walk walk = new Walk(context, perVisit, rule.equals("floor") ? 12 : 18);
                List<int[]> epochs = new ArrayList<>();
                for (int e = 0; e < 12; e++) {
                    epochs.add(walk.nextEpoch());
                }
                for (int e : new int[] {5, 0, 11, 3, 4, 1, 2, 6, 7, 8, 9, 10}) {
                    assertArrayEquals(epochs.get(e), direct.epoch(e), rule + " " + perVisit + " epoch " + e);
                }
                int[] freq = new int[5];
                epochs.forEach(p -> IntStream.of(p).forEach(i -> freq[labels[i]]++));
                assertEquals(0, freq[3], "class 3 has no images");
            }
        }
    }

    @Test
    void badSettings() {
        SamplerContext context = SamplingFixtures.context(new int[] {0, 1, 1}, 2, 1, "p", 4);
        BadInputException tooFew = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create("class-aware", context));
        assertTrue(tooFew.getMessage().startsWith("config key 'stages.stage1.sampler.epoch_length' is floor"),
                tooFew.getMessage());
        assertEquals(8, SamplerRegistry.create(Map.of("type", "class-aware", "epoch_length", "ceil_plus_one"), context)
                .epoch(0).length);
        BadInputException zero = assertThrows(BadInputException.class,
                () -> SamplerRegistry.create(Map.of("type", "class-aware", "samples_per_class", 0), context));
        assertEquals("config key 'stages.stage1.sampler.samples_per_class' is 0, expected an integer >= 1",
                zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SamplerRegistry.create(Map.of("type", "class-aware", "epoch_length", "ceil_plus_one"), context)
                        .epoch(-1));
    }

    /**
     * The reference's iterators, kept across epochs: a class cycle reshuffled per pass (pass k from the stream
     * at (0, k)) and one cycle per class with images (its k-th shuffle from (1, i, k)); each visit takes the
     * next {@code perVisit} images of the class, and an epoch starts with a fresh visit.
     */
    private static final class Walk {

        private final SamplerContext context;
        private final int perVisit;
        private final int length;
        private final int[][] members;
        private final long[] taken;
        private final int[][] order;
        private long pass = -1;
        private int[] classes;
        private int next;

        Walk(SamplerContext context, int perVisit, int length) {
            this.context = context;
            this.perVisit = perVisit;
            this.length = length;
            int[] labels = context.labels();
            members = IntStream.range(0, context.classes().numClasses())
                    .mapToObj(c -> IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray())
                    .filter(m -> m.length > 0).toArray(int[][]::new);
            taken = new long[members.length];
            order = new int[members.length][];
        }

        int[] nextEpoch() {
            int[] out = new int[length];
            int filled = 0;
            while (filled < length) {
                if (classes == null || next == classes.length) {
                    pass++;
                    classes = Shuffle.permutation(members.length, context.stream(0, pass));
                    next = 0;
                }
                int c = classes[next++];
                for (int s = 0; s < perVisit; s++) {
                    int n = members[c].length;
                    if (taken[c] % n == 0) {
                        order[c] = Shuffle.permutation(n, context.stream(1, c, taken[c] / n));
                    }
                    int position = members[c][order[c][(int) (taken[c]++ % n)]];
                    if (filled < length) {
                        out[filled++] = position;
                    }
                }
            }
            return out;
        }
    }
}
