package org.longtail4j.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which positions hold which class, and the classes ranked by how many they hold: the two questions the
 * split, the reporting groups, the class-level samplers and the losses that single out rare classes ask
 * of a label vector and its class counts.
 */
public final class ClassMembers {

    private ClassMembers() {
    }

    /**
     * The positions of each label 0..numClasses-1, in increasing order (empty for a label with none).
     *
     * @throws IllegalArgumentException for a label outside 0..numClasses-1
     */
    public static int[][] positionsByLabel(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at position " + i
                        + ", expected 0.." + (numClasses - 1));
            }
            counts[labels[i]]++;
        }
        int[][] members = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            members[c] = new int[counts[c]];
        }
        int[] next = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][next[labels[i]]++] = i;
        }
        return members;
    }

    /**
     * The positions of each label that has any, in label order: what the class-level samplers draw
     * classes from (a class without training images cannot be visited).
     */
    public static int[][] positionsOfPresentLabels(int[] labels, int numClasses) {
        return Arrays.stream(positionsByLabel(labels, numClasses)).filter(list -> list.length > 0).toArray(int[][]::new);
    }

    /** The labels by count, most frequent first, ties by ascending label. */
    public static int[] mostFrequentFirst(int[] counts) {
        return byCount(counts, -1);
    }

    /** The labels by count, rarest first, ties by ascending label. */
    public static int[] rarestFirst(int[] counts) {
        return byCount(counts, 1);
    }

    /** Labels sorted by {@code sign * count}, ties by ascending label. */
    private static int[] byCount(int[] counts, int sign) {
        return IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(label -> sign * counts[label]).thenComparingInt(label -> label))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
