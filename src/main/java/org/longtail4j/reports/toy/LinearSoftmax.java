package org.longtail4j.reports.toy;

/**
 * A linear softmax classifier on 2-D points (2 classes): logits z = W x + b, trained with cross-entropy
 * by plain SGD with coupled weight decay, as the classifier of a decoupled pipeline is. Small enough to
 * write out, so the toy needs no engine and runs in milliseconds.
 */
public final class LinearSoftmax {

    final double[][] w = new double[2][2];
    final double[] b = new double[2];

    /** A copy, to start several re-trainings from the same weights. */
    public LinearSoftmax copy() {
        LinearSoftmax c = new LinearSoftmax();
        for (int k = 0; k < 2; k++) {
            c.w[k] = w[k].clone();
        }
        System.arraycopy(b, 0, c.b, 0, 2);
        return c;
    }

    /** The predicted class of a point (ties go to class 0). */
    public int predict(double[] x) {
        return score(1, x) > score(0, x) ? 1 : 0;
    }

    double score(int k, double[] x) {
        return w[k][0] * x[0] + w[k][1] * x[1] + b[k];
    }

    /** One SGD step on a batch: mean cross-entropy gradient plus weight decay on W and b. */
    public void step(double[][] x, int[] y, double lr, double weightDecay) {
        double[][] gw = new double[2][2];
        double[] gb = new double[2];
        for (int i = 0; i < x.length; i++) {
            double z0 = score(0, x[i]);
            double z1 = score(1, x[i]);
            double m = Math.max(z0, z1);
            double e0 = Math.exp(z0 - m);
            double e1 = Math.exp(z1 - m);
            double[] p = {e0 / (e0 + e1), e1 / (e0 + e1)};
            for (int k = 0; k < 2; k++) {
                double g = (p[k] - (y[i] == k ? 1 : 0)) / x.length;
                gw[k][0] += g * x[i][0];
                gw[k][1] += g * x[i][1];
                gb[k] += g;
            }
        }
        for (int k = 0; k < 2; k++) {
            w[k][0] -= lr * (gw[k][0] + weightDecay * w[k][0]);
            w[k][1] -= lr * (gw[k][1] + weightDecay * w[k][1]);
            b[k] -= lr * (gb[k] + weightDecay * b[k]);
        }
    }

    /**
     * The decision boundary as a line a * x + c * y + d = 0 (tail side where it is positive):
     * {a, c, d} = row 1 minus row 0 of [W | b].
     */
    public double[] boundary() {
        return new double[] {w[1][0] - w[0][0], w[1][1] - w[0][1], b[1] - b[0]};
    }

    /** Accuracy (%) on the points of one label. */
    public double accuracy(double[][] x, int[] y, int label) {
        int n = 0;
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == label) {
                n++;
                right += predict(x[i]) == label ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : 100.0 * right / n;
    }
}
