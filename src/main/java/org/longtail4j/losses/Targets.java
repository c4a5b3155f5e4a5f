package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;

/**
 * What a loss is computed against: two label vectors and the weight of the first. A plain batch is
 * (labels, labels, 1); mixup, CutMix and CMO give (y, y', lambda); BBN gives (instance labels, reversed
 * labels, alpha). Every loss therefore works with every batch mixing, and nothing multiplies.
 *
 * @param first [B] labels of the first source
 * @param second [B] labels of the second source (the same array as {@code first} for a plain batch)
 * @param lambda weight of the first source, in [0, 1]
 */
public record Targets(NDArray first, NDArray second, double lambda) {

    public Targets {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda " + lambda + ", expected a value in [0, 1]");
        }
    }

    /** The targets of an unmixed batch. */
    public static Targets of(NDArray labels) {
        return new Targets(labels, labels, 1);
    }

    /** Whether only the first labels count (lambda 1). */
    public boolean plain() {
        return lambda == 1;
    }

    /**
     * {@code lambda * loss(first) + (1 - lambda) * loss(second)}; with lambda 1 (or 0) only one term is
     * computed, so a loss that draws noise per call (GCL) draws once for a plain batch and twice for a
     * mixed one, as the reference code does.
     */
    public NDArray combine(Function<NDArray, NDArray> lossOfLabels) {
        if (lambda == 1) {
            return lossOfLabels.apply(first);
        }
        if (lambda == 0) {
            return lossOfLabels.apply(second);
        }
        NDArray a = lossOfLabels.apply(first);
        NDArray b = lossOfLabels.apply(second);
        // in place: a 0-dim float32 loss times a Java double made a 0-dim float64 operand in DJL, and the
        // product came out float64 (getFloat() then throws); muli keeps the loss's type
        return a.muli(lambda).addi(b.muli(1 - lambda));
    }
}
