package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartContext;

/**
 * Balanced Softmax (Ren et al. 2020): {@code CE(z + log pi, y)} with pi the training-set class prior,
 * the batch mean. Training only: the prediction uses the raw logits. It equals {@link LogitAdjusted} at
 * tau 1 up to that loss's 1e-12 epsilon.
 */
public final class BalancedSoftmax implements LogitLoss {

    private final double[] logPriors;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public BalancedSoftmax(NoSettings settings, PartContext context) {
        // an empty class's log prior is -infinity: its softmax share is exactly 0, as log n = -inf gives
        logPriors = context.classes().logPriors();
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        NDArray adjusted = logits.add(LogitTerms.perClass(logits, logPriors));
        return LogitTerms.crossEntropies(adjusted, index).mean();
    }
}
