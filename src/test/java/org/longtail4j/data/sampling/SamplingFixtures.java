package org.longtail4j.data.sampling;

import java.util.Arrays;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.data.LongTailProfile;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/** Heavily imbalanced label sets and a chi-square statistic shared by the sampler tests. */
final class SamplingFixtures {

    private SamplingFixtures() {
    }

    /** CIFAR-10-LT at IR 100: 5000 images of class 0 down to 50 of class 9, classes interleaved. */
    static final int[] COUNTS = LongTailProfile.exponential(100).countsByRank(5000, 10);

    static int[] labels(int[] counts) {
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        int[] labels = new int[total];
        int[] left = counts.clone();
        int i = 0;
        while (i < total) {
            for (int c = 0; c < counts.length; c++) {
                if (left[c] > 0) {
                    left[c]--;
                    labels[i++] = c;
                }
            }
        }
        return labels;
    }

    /** The context of a sampler over {@code labels} in stage "stage1" of a run with {@code seed}. */
    static SamplerContext context(int[] labels, int numClasses, long seed, String purpose, int batchSize) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        PartContext part = new PartContext("stages.stage1.sampler", ClassStatistics.of(counts),
                new RandomStreams(seed, "stage1"), 10);
        return new SamplerContext(part, labels, purpose, batchSize);
    }

    /** A context over {@link #COUNTS}' labels with batch 128. */
    static SamplerContext context(long seed, String purpose) {
        return context(labels(COUNTS), COUNTS.length, seed, purpose, 128);
    }

    /** p normalised to sum 1. */
    static double[] normalised(double[] p) {
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(x -> x / sum).toArray();
    }

    static int[] classFrequencies(int[] positions, int[] labels, int numClasses) {
        int[] freq = new int[numClasses];
        for (int p : positions) {
            freq[labels[p]]++;
        }
        return freq;
    }

    /** Pearson's statistic sum (observed - expected)^2 / expected, expected = total * p. */
    static double chiSquare(int[] observed, double[] p) {
        long total = 0;
        for (int o : observed) {
            total += o;
        }
        double chi2 = 0;
        for (int c = 0; c < observed.length; c++) {
            double expected = total * p[c];
            chi2 += (observed[c] - expected) * (observed[c] - expected) / expected;
        }
        return chi2;
    }

    static double[] uniform(int n) {
        double[] p = new double[n];
        Arrays.fill(p, 1.0 / n);
        return p;
    }
}
