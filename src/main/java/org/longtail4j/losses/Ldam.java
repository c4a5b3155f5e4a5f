package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * LDAM: label-distribution-aware margin loss (Cao et al. 2019) on the cosine logits of an unscaled cosine
 * head (LDAM-DRW's NormedLinear). The true class's cosine loses the margin
 * {@code Delta_c = max_m * n_c^(-1/4) / max_k n_k^(-1/4)} (so the rarest class gets exactly max_m), then
 * the loss is the cross-entropy of {@code s * u}, weighted-mean with class weights ({@code weights: drw}
 * is LDAM-DRW). The head must not scale its cosines: s is applied here.
 */
public final class Ldam implements LogitLoss {

    /** Settings of {@code loss: {type: ldam}}. */
    public static final class Settings {
        /** The rarest class's margin, in cosine units (0.5 in LDAM-DRW; the author suggests 0.3 for iNaturalist). */
        public double maxM = 0.5;
        /** The scale applied to the margin-adjusted cosines. */
        public double s = 30;
        /** Class weights (none, cb, drw). */
        public WeightsSetting weights = WeightsSetting.none();
    }

    private final double[] margins;
    private final double scale;
    private final ClassWeighting weights;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public Ldam(Settings settings, PartContext context) {
        double maxM = SettingChecks.nonNegative(settings.maxM, context.key() + ".max_m");
        margins = margins(context.classes().counts(), maxM);
        scale = SettingChecks.positive(settings.s, context.key() + ".s");
        weights = WeightsSetting.build(settings.weights, context);
    }

    /**
     * {@code Delta_c = max_m * n_c^(-1/4) / max_k n_k^(-1/4)}, the maximum over classes with images. A class
     * without training images (never a training label) gets max_m, as the rarest class does.
     */
    public static double[] margins(int[] counts, double maxM) {
        int rarest = Integer.MAX_VALUE;
        for (int n : counts) {
            if (n > 0) {
                rarest = Math.min(rarest, n);
            }
        }
        double[] out = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts[c] == 0 ? maxM : maxM * Math.pow((double) rarest / counts[c], 0.25);
        }
        return out;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray margin = index.oneHot(classes).mul(LogitTerms.perClass(logits, margins));
        NDArray scaled = logits.sub(margin).mul((float) scale);
        return LogitTerms.mean(LogitTerms.crossEntropies(scaled, index), index, weights.at(context.epoch()));
    }
}
