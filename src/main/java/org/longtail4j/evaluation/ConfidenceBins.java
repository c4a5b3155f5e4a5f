package org.longtail4j.evaluation;

/**
 * The 15 equal-width confidence bins of the expected calibration error, as the reference code draws them:
 * upper edges {@code numpy.linspace(0, 1, 16)[1:]}, i.e. {@code k * (1.0 / 15)} in double with the last edge
 * exactly 1, and {@code numpy.digitize(confidence, edges, right=True)}: bin b holds
 * {@code edge[b] < confidence <= edge[b + 1]}, so a confidence exactly on an edge goes to the lower bin.
 *
 * <p>Float confidences are widened to double before the comparison, as numpy does with float32 scores
 * against float64 edges. The reference silently drops confidences outside (0, 1]; a softmax maximum is
 * always in [1/C, 1], so here they are clamped into the first or last bin instead of being lost.
 */
final class ConfidenceBins {

    static final int COUNT = 15;

    private static final double[] UPPER_EDGES = upperEdges();

    private ConfidenceBins() {
    }

    private static double[] upperEdges() {
        double step = 1.0 / COUNT;
        double[] edges = new double[COUNT];
        for (int k = 1; k < COUNT; k++) {
            edges[k - 1] = k * step;
        }
        edges[COUNT - 1] = 1.0;
        return edges;
    }

    /** Bin 0..14 of a confidence. */
    static int of(double confidence) {
        for (int b = 0; b < COUNT - 1; b++) {
            if (confidence <= UPPER_EDGES[b]) {
                return b;
            }
        }
        return COUNT - 1;
    }

    /** Upper edge of bin b (for tests against numpy's edges). */
    static double upperEdge(int b) {
        return UPPER_EDGES[b];
    }
}
