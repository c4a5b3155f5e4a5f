package org.longtail4j.data.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts an epoch into batches: ceil(N / B) batches of B positions, the last one shorter when B does not
 * divide N. Nothing is dropped, as in the reference code, so every image of an instance pass is seen.
 */
public final class Batches {

    private Batches() {
    }

    /** Consecutive slices of {@code positions}, each of {@code batchSize} except possibly the last. */
    public static List<int[]> split(int[] positions, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " (expected >= 1)");
        }
        List<int[]> batches = new ArrayList<>((positions.length + batchSize - 1) / batchSize);
        for (int from = 0; from < positions.length; from += batchSize) {
            batches.add(Arrays.copyOfRange(positions, from, Math.min(from + batchSize, positions.length)));
        }
        return batches;
    }
}
