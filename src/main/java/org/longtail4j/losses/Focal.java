package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Softmax focal loss as LDAM-DRW writes it: per sample {@code ce_i = CE(z_i, y_i)}, multiplied by
 * {@code w_{y_i}} when class weights are given, then {@code (1 - exp(-ce_i))^gamma * ce_i}, a plain mean
 * over the batch (never the weighted mean). With weights, {@code exp(-ce_i)} is therefore not the class
 * probability: LDAM-DRW's quirk, kept for fidelity. By default the gradient flows through the factor
 * (LDAM-DRW); {@code detach_factor: true} makes the factor a constant for autograd (GCL's stage 2):
 * the same value, a different gradient. The sigmoid form of Cui et al. is {@link SigmoidFocal}.
 */
public final class Focal implements LogitLoss {

    /** Settings of {@code loss: {type: focal}}. */
    public static final class Settings {
        /** The focusing exponent gamma, >= 0 (0 is the plain mean of the, possibly weighted, cross-entropies). */
        public double gamma = 1.0;
        /** Whether the factor (1 - p)^gamma is held constant for the gradient (GCL) or not (LDAM-DRW). */
        public boolean detachFactor = false;
        /** Class weights (none, cb, drw), multiplied into each sample's cross-entropy before the factor. */
        public WeightsSetting weights = WeightsSetting.none();
    }

    private final double gamma;
    private final boolean detachFactor;
    private final ClassWeighting weights;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public Focal(Settings settings, PartContext context) {
        gamma = SettingChecks.nonNegative(settings.gamma, context.key() + ".gamma");
        detachFactor = settings.detachFactor;
        weights = WeightsSetting.build(settings.weights, context);
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        NDArray ce = LogitTerms.crossEntropies(logits, index);
        Optional<double[]> w = weights.at(context.epoch());
        if (w.isPresent()) {
            ce = ce.mul(LogitTerms.byLabel(ce, index, w.get()));
        }
        return LogitTerms.softmaxFocal(ce, gamma, detachFactor);
    }
}
