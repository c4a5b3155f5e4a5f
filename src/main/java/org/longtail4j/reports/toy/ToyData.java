package org.longtail4j.reports.toy;

import java.util.SplittableRandom;

/**
 * The 2-D long-tailed set of the decision-boundary toy: a head class (label 0) with many samples and a
 * tail class (label 1) with few, each an isotropic Gaussian; their means sit on a diagonal so the two
 * coordinates carry the class equally (either one alone separates them, as channels of a feature
 * map each carry part of the class). The test set is balanced and large, so accuracies measure the
 * boundary, not the luck of the test draw.
 *
 * @param x training points, [n][2]
 * @param y their labels
 * @param testX balanced test points
 * @param testY their labels
 */
public record ToyData(double[][] x, int[] y, double[][] testX, int[] testY) {

    /** Head mean (-1, -1), tail mean (+1, +1), both with standard deviation {@value #SIGMA} per coordinate. */
    public static final double MEAN = 1.0;
    public static final double SIGMA = 0.9;

    /** Draws the set: {@code head} and {@code tail} training points, {@code testPerClass} test points per class. */
    public static ToyData draw(int head, int tail, int testPerClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[head + tail][];
        int[] y = new int[head + tail];
        for (int i = 0; i < head + tail; i++) {
            y[i] = i < head ? 0 : 1;
            x[i] = point(y[i], random);
        }
        double[][] testX = new double[2 * testPerClass][];
        int[] testY = new int[2 * testPerClass];
        for (int i = 0; i < testX.length; i++) {
            testY[i] = i % 2;
            testX[i] = point(testY[i], random);
        }
        return new ToyData(x, y, testX, testY);
    }

    private static double[] point(int label, SplittableRandom random) {
        double mean = label == 0 ? -MEAN : MEAN;
        return new double[] {mean + SIGMA * random.nextGaussian(), mean + SIGMA * random.nextGaussian()};
    }

    /** Indices of the training points of a label. */
    public int[] indicesOf(int label) {
        return java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == label).toArray();
    }
}
