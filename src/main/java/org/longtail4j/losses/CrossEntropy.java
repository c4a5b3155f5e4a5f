package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.parts.PartContext;

/**
 * Cross-entropy {@code CE(z, y) = logsumexp(z) - z_y}, the batch mean; with class weights the weighted
 * mean {@code sum_i w_{y_i} CE_i / sum_i w_{y_i}} (PyTorch's reduction, as every reference uses). With
 * {@code weights: cb} this is CB-CE, with {@code weights: drw} CE-DRW.
 */
public final class CrossEntropy implements LogitLoss {

    /** Settings of {@code loss: {type: ce}}. */
    public static final class Settings {
        /** Class weights (none, cb, drw). */
        public WeightsSetting weights = WeightsSetting.none();
    }

    private final ClassWeighting weights;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public CrossEntropy(Settings settings, PartContext context) {
        weights = WeightsSetting.build(settings.weights, context);
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        return LogitTerms.mean(LogitTerms.crossEntropies(logits, index), index, weights.at(context.epoch()));
    }

    /** Unweighted mean cross-entropy of logits [B, C] against labels [B], for code outside a recipe (benchmarks). */
    public static NDArray mean(NDArray logits, NDArray labels) {
        NDArray index = LogitTerms.labelIndex(labels);
        return LogitTerms.mean(LogitTerms.crossEntropies(logits, index), index, java.util.Optional.empty());
    }
}
