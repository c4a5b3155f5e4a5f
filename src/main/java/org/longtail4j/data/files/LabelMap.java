package org.longtail4j.data.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.longtail4j.BadInputException;

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

    /**
     * Writes the map as tab-separated lines {@code new_label original_label class_name count}, with a header,
     * so a run's per-class results can be read under both ids.
     */
    public void write(Path file, List<String> originalNames, int[] originalTrainCounts) {
        StringBuilder text = new StringBuilder("label\toriginal_label\tclass_name\ttrain_count\n");
        for (int rank = 0; rank < oldOfNew.length; rank++) {
            int old = oldOfNew[rank];
            text.append(rank).append('\t').append(old).append('\t').append(originalNames.get(old)).append('\t')
                    .append(originalTrainCounts[old]).append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot write label map " + file + ": " + e.getMessage(), e);
        }
    }
}
