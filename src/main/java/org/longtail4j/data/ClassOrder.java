package org.longtail4j.data;

import java.util.SplittableRandom;
import org.longtail4j.util.Shuffle;

/**
 * Which label gets which frequency rank in a long-tailed subset.
 *
 * <p>The reference code uses the natural order (label 0 is the most frequent class). A permuted order
 * checks that a method does not depend on that accident: a seeded permutation of the labels assigns the
 * ranks, so the head classes are no longer the low labels.
 */
public final class ClassOrder {

    private final Long seed;

    private ClassOrder(Long seed) {
        this.seed = seed;
    }

    /** Rank = label. */
    public static ClassOrder natural() {
        return new ClassOrder(null);
    }

    /** Ranks from a Fisher-Yates shuffle of the labels driven by {@code new SplittableRandom(seed)}. */
    public static ClassOrder permuted(long seed) {
        return new ClassOrder(seed);
    }

    /** Label at each rank (index = rank; rank 0 is the most frequent class). */
    public int[] rankToLabel(int numClasses) {
        return seed == null
                ? Shuffle.identity(numClasses)
                : Shuffle.permutation(numClasses, new SplittableRandom(seed));
    }

    /** "natural" or "permuted (seed 7)". */
    public String description() {
        return seed == null ? "natural" : "permuted (seed " + seed + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
