package org.longtail4j.data.files;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A relabelling of classes. MiSLAS and H2T train on frequency-sorted labels: class 0 is the most frequent
 * training class; the same map applies to validation and test. Their numpy argsort leaves the order of
 * classes with equal counts undefined; here ties go by ascending original label, so the map is a function
 * of the training counts alone.
 */
public final class LabelMap {

    private final int[] newOfOld;
    private final int[] oldOfNew;
    private final String description;

    private LabelMap(int[] oldOfNew, String description) {
        this.oldOfNew = oldOfNew;
        this.newOfOld = new int[oldOfNew.length];
        for (int rank = 0; rank < oldOfNew.length; rank++) {
            newOfOld[oldOfNew[rank]] = rank;
        }
        this.description = description;
    }

    /** Labels as given (the list files' and ImageFolder's order). */
    public static LabelMap identity(int numClasses) {
        return new LabelMap(IntStream.range(0, numClasses).toArray(), "original labels");
    }

    /** New label = rank of the class by (training count descending, original label ascending). */
    public static LabelMap byFrequency(int[] trainCounts) {
        int[] order = IntStream.range(0, trainCounts.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> -trainCounts[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue)
                .toArray();
        return new LabelMap(order, "frequency-sorted labels (training count descending, ties by original label)");
    }

    public int numClasses() {
        return oldOfNew.length;
    }

    /** The label a class gets under this map. */
    public int newLabel(int originalLabel) {
        return newOfOld[originalLabel];
    }

    /** The class's label in the dataset's own files. */
    public int originalLabel(int newLabel) {
        return oldOfNew[newLabel];
    }

    /** "original labels" or "frequency-sorted labels (...)", for reports. */
    public String description() {
        return description;
    }
}
