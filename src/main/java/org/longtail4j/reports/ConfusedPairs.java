package org.longtail4j.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most frequent mistakes of a confusion matrix: (true class, predicted class) pairs off the
 * diagonal, largest share of the true class's test images first. For many classes this replaces the
 * full matrix; for few it names the tail class that is taken for its head look-alike.
 */
public final class ConfusedPairs {

    /**
     * One pair.
     *
     * @param truth the true label
     * @param predicted the label predicted instead
     * @param count test images of {@code truth} predicted as {@code predicted}
     * @param of test images of {@code truth}
     */
    public record Pair(int truth, int predicted, long count, long of) {

        /** {@code count} as a percentage of the true class's test images. */
        public double percent() {
            return of == 0 ? 0 : 100.0 * count / of;
        }
    }

    private ConfusedPairs() {}

    /** The {@code limit} largest off-diagonal cells by row share (ties: more images, then lower labels). */
    public static List<Pair> top(JsonNode confusion, int limit) {
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < confusion.size(); t++) {
            JsonNode row = confusion.get(t);
            long total = 0;
            for (JsonNode n : row) {
                total += n.asLong();
            }
            for (int p = 0; p < row.size(); p++) {
                long n = row.get(p).asLong();
                if (p != t && n > 0) {
                    pairs.add(new Pair(t, p, n, total));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::percent).reversed().thenComparing(Comparator
                .comparingLong(Pair::count).reversed()).thenComparingInt(Pair::truth).thenComparingInt(Pair::predicted));
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }
}
