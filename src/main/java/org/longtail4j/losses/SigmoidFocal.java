package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Optional;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Sigmoid focal loss of Cui et al. 2019 (BagofTricks-LT's ClassBalanceFocal): every class is a binary
 * problem, {@code p_k = sigmoid(z_k)}, target {@code t_k = [k = y]},
 * {@code bce_k = softplus(z_k) - t_k z_k}, factor {@code (1 - p_k)^gamma} for the true class and
 * {@code p_k^gamma} for the others; {@code loss_i = w_{y_i} sum_k factor_k bce_k}, and the batch loss is
 * {@code sum_i loss_i / B} (divided by the batch size, not by the weight sum). The gradient flows through
 * the factor, as in the reference.
 */
public final class SigmoidFocal implements LogitLoss {

    /** Settings of {@code loss: {type: sigmoid-focal}}. */
    public static final class Settings {
        /** The focusing exponent gamma, >= 0 (0 is the binary cross-entropy summed over classes). */
        public double gamma = 1.0;
        /** Class weights (none, cb, drw), one per sample by its label. */
        public WeightsSetting weights = WeightsSetting.none();
    }

    private final double gamma;
    private final ClassWeighting weights;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public SigmoidFocal(Settings settings, PartContext context) {
        gamma = SettingChecks.nonNegative(settings.gamma, context.key() + ".gamma");
        weights = WeightsSetting.build(settings.weights, context);
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray targets = index.oneHot(classes);
        NDArray bce = Activation.softPlus(logits).sub(logits.mul(targets));
        // factor = exp(-gamma * softplus((2t - 1) z)): (1 - p)^gamma where t = 1, p^gamma where t = 0,
        // without forming 1 - sigmoid (which underflows to 0 for large z)
        NDArray factor = Activation.softPlus(logits.mul(targets.mul(2f).sub(1f))).mul((float) -gamma).exp();
        NDArray perSample = factor.mul(bce).sum(new int[] {1});
        Optional<double[]> w = weights.at(context.epoch());
        if (w.isPresent()) {
            perSample = perSample.mul(LogitTerms.byLabel(perSample, index, w.get()));
        }
        return perSample.mean();
    }
}
