package org.longtail4j.util;

import java.util.random.RandomGenerator;

/** Fisher-Yates shuffles, the one way random orders and random subsets are drawn in the toolkit. */
public final class Shuffle {

    private Shuffle() {}

    /** 0, 1, ..., n-1: the order a shuffle starts from. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A uniform random permutation of 0..n-1 (Fisher-Yates from the last position down). */
    public static int[] permutation(int n, RandomGenerator random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }

    /**
     * Moves {@code k} elements of {@code values}, chosen uniformly without replacement, to its first k
     * positions (partial Fisher-Yates from the first position up); the rest keep no particular order.
     */
    public static void partial(int[] values, int k, RandomGenerator random) {
        partial(values, 0, k, random);
    }

    /**
     * The same shuffle continued from position {@code from}: moves {@code k} of the elements at positions
     * {@code from..} (chosen uniformly without replacement) to positions {@code from..from+k-1}, leaving
     * positions before {@code from} alone. {@code partial(v, 0, k, r)} draws exactly as
     * {@link #partial(int[], int, RandomGenerator)}.
     */
    public static void partial(int[] values, int from, int k, RandomGenerator random) {
        for (int i = from; i < from + k; i++) {
            swap(values, i, i + random.nextInt(values.length - i));
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
