package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The pieces the logit losses share, each a few batched NDArray operations (no loop over samples),
 * all differentiable with respect to the logits. Scalars enter NDArray arithmetic as floats: a double
 * becomes a float64 0-dim array, which turns a 0-dim result into float64 and costs a type promotion in
 * every forward and backward op (a [128, 100] multiply with its backward measured 3x slower).
 */
final class LogitTerms {

    private LogitTerms() {}

    /** Labels of any integer or float type, shape [B] or [B, 1], as int64 [B]. */
    static NDArray labelIndex(NDArray labels) {
        return labels.toType(DataType.INT64, false).reshape(-1);
    }

    /** Per-sample cross-entropy {@code logsumexp(z_i) - z_{i, y_i}} [B] of logits [B, C]. */
    static NDArray crossEntropies(NDArray logits, NDArray index) {
        return logits.logSoftmax(1).gather(index.reshape(-1, 1), 1).reshape(-1).neg();
    }

    /**
     * The batch mean of per-sample losses [B]: plain, or PyTorch's weighted mean
     * {@code sum_i w_{y_i} l_i / sum_i w_{y_i}} when class weights are given.
     */
    static NDArray mean(NDArray perSample, NDArray index, Optional<double[]> weights) {
        if (weights.isEmpty()) {
            return perSample.mean();
        }
        NDArray w = byLabel(perSample, index, weights.get());
        return perSample.mul(w).sum().div(w.sum());
    }

    /** {@code v_{y_i}} [B]: each sample's entry of per-class values v (weights, smoothing), in like's manager. */
    static NDArray byLabel(NDArray like, NDArray index, double[] values) {
        return perClass(like, values).take(index);
    }

    /** A constant float32 vector [C] in {@code like}'s manager (margins, offsets, weights). */
    static NDArray perClass(NDArray like, double[] values) {
        float[] floats = new float[values.length];
        for (int c = 0; c < values.length; c++) {
            floats[c] = (float) values[c];
        }
        return like.getManager().create(floats, new Shape(values.length));
    }

    /**
     * The softmax focal loss of per-sample cross-entropies [B] (Lin et al. 2017 as LDAM-DRW and GCL write it):
     * {@code mean_i (1 - exp(-ce_i))^gamma * ce_i}, a plain mean. With {@code detachFactor} the factor is a
     * constant for autograd (GCL); otherwise the gradient also flows through it (LDAM-DRW).
     */
    static NDArray softmaxFocal(NDArray ce, double gamma, boolean detachFactor) {
        NDArray factor = ce.neg().exp().neg().add(1f).pow((float) gamma);
        if (detachFactor) {
            factor = factor.stopGradient();
        }
        return factor.mul(ce).mean();
    }
}
