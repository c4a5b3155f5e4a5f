package org.longtail4j.data.sampling;

import java.util.Arrays;
import org.longtail4j.data.LongTailProfile;

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
