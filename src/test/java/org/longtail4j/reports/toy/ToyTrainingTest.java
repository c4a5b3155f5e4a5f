package org.longtail4j.reports.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToyTrainingTest {

    /** The SGD step's gradient against central differences of the mean cross-entropy (no weight decay). */
    @Test
    void stepFollowsTheNumericGradient() {
        double[][] x = {{0.5, -1.0}, {2.0, 0.3}, {-0.7, 0.9}};
        int[] y = {0, 1, 1};
        LinearSoftmax m = new LinearSoftmax();
        m.w[0][0] = 0.3;
        m.w[0][1] = -0.2;
        m.w[1][0] = 0.1;
        m.w[1][1] = 0.4;
        m.b[0] = 0.05;
        m.b[1] = -0.1;
        double lr = 1e-3;
        LinearSoftmax stepped = m.copy();
        stepped.step(x, y, lr, 0);
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                LinearSoftmax plus = m.copy();
                LinearSoftmax minus = m.copy();
                nudge(plus, k, j, h);
                nudge(minus, k, j, -h);
                double numeric = (loss(plus, x, y) - loss(minus, x, y)) / (2 * h);
                double taken = (param(m, k, j) - param(stepped, k, j)) / lr;
                assertEquals(numeric, taken, 1e-6, "parameter " + k + "," + j);
            }
        }
    }

    @Test
    void sameSeedSameBoundaries() {
        ToyTraining.Result a = ToyTraining.run(ToyTraining.Settings.defaults(), 7);
        ToyTraining.Result b = ToyTraining.run(ToyTraining.Settings.defaults(), 7);
        assertArrayEquals(a.h2t().boundary(), b.h2t().boundary());
        assertArrayEquals(a.balanced().boundary(), b.balanced().boundary());
    }

    /**
     * Every fused tail point keeps exactly one coordinate of a tail training point (p = 0.5 replaces one
     * of two), and the other coordinate is a training point's too.
     */
    @Test
    void fusedPointsReplaceExactlyOneCoordinate() {
        ToyTraining.Result r = ToyTraining.run(ToyTraining.Settings.defaults(), 3);
        assertTrue(r.fusedTail().size() > 50);
        for (double[] f : r.fusedTail()) {
            boolean keepsTailX = false;
            boolean keepsTailY = false;
            for (int i : r.data().indicesOf(1)) {
                keepsTailX |= r.data().x()[i][0] == f[0];
                keepsTailY |= r.data().x()[i][1] == f[1];
            }
            assertTrue(keepsTailX || keepsTailY, "one coordinate is the balanced tail point's");
            boolean otherFromData = false;
            for (double[] p : r.data().x()) {
                otherFromData |= keepsTailX ? p[1] == f[1] : p[0] == f[0];
            }
            assertTrue(otherFromData, "the other coordinate comes from an instance-sampled point");
        }
    }

    /** The effect the docs describe, over 20 seeds: H2T moves accuracy from head to tail and nearer the optimum. */
    @Test
    void h2tTradesHeadForTailOnAverage() {
        ToySummary s = ToySummary.run(ToyTraining.Settings.defaults(), 0, 20);
        assertTrue(s.h2tMinusBalanced(1)[0] > 3, "tail gains: " + s.h2tMinusBalanced(1)[0]);
        assertTrue(s.h2tMinusBalanced(0)[0] < 0, "head pays: " + s.h2tMinusBalanced(0)[0]);
        assertTrue(s.mean(2, 2) > s.mean(1, 2), "balanced mean improves");
        assertTrue(s.mean(3, 2) - s.mean(2, 2) < 1.5, "and comes within 1.5 points of the balanced optimum");
    }

    private static double loss(LinearSoftmax m, double[][] x, int[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z0 = m.score(0, x[i]);
            double z1 = m.score(1, x[i]);
            double lse = Math.log(Math.exp(z0) + Math.exp(z1));
            sum += lse - (y[i] == 0 ? z0 : z1);
        }
        return sum / x.length;
    }

    private static double param(LinearSoftmax m, int k, int j) {
        return j < 2 ? m.w[k][j] : m.b[k];
    }

    private static void nudge(LinearSoftmax m, int k, int j, double h) {
        if (j < 2) {
            m.w[k][j] += h;
        } else {
            m.b[k] += h;
        }
    }
}
