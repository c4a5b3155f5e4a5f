package org.longtail4j.data;

import java.util.Arrays;

/**
 * What every part of a method may know about the long-tailed training set's classes: the count of
 * each class and what follows from it (priors, the largest and smallest count). Built once per run
 * from the training split and handed to losses, samplers, mixings and predictions, so that no part
 * re-derives them.
 *
 * @param counts training images per class, indexed by label (classes may have 0)
 * @param groups the reporting groups (many / medium / few), or null where none are defined
 */
public record ClassStatistics(int[] counts, ClassGroups groups) {

    public ClassStatistics {
        counts = counts.clone();
        if (counts.length == 0) {
            throw new IllegalArgumentException("no classes");
        }
    }

    /** Counts alone, without reporting groups (tests, toy problems). */
    public static ClassStatistics of(int... counts) {
        return new ClassStatistics(counts, null);
    }

    /** The counts of the labels of {@code train}. */
    public static ClassStatistics of(LabelledImages train, ClassGroups groups) {
        return new ClassStatistics(train.classCounts(), groups);
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int count(int label) {
        return counts[label];
    }

    public int numClasses() {
        return counts.length;
    }

    /** N, the number of training images. */
    public long total() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    public int maxCount() {
        return Arrays.stream(counts).max().orElseThrow();
    }

    public int minCount() {
        return Arrays.stream(counts).min().orElseThrow();
    }

    /** pi_c = n_c / N, the empirical class prior. */
    public double[] priors() {
        double n = total();
        return Arrays.stream(counts).mapToDouble(c -> c / n).toArray();
    }

    /** log pi_c (minus infinity for an empty class). */
    public double[] logPriors() {
        return Arrays.stream(priors()).map(Math::log).toArray();
    }
}
