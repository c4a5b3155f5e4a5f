package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * GCL, Gaussian clouded logit adjustment (Li et al. 2022), on the cosine logits k of an unscaled cosine
 * head, as the authors' code does it:
 * <pre>
 * a_c   = (log n_max - log n_c) / (log n_max - log n_min)      (0 for the most frequent class, 1 for the rarest)
 * eps   ~ N(0, (1/3)^2) clamped to [-1, 1], one per (sample, class), fresh on every call
 * k~_ic = k_ic - noise_mul |eps_ic| a_c   (every logit)    k~_iy -= m   (the true class)
 * ce_i  = CE(s k~_i, y_i)
 * </pre>
 * With gamma 0 the loss is the batch mean of ce_i (weighted mean with class weights; stage 1); with
 * gamma > 0 it is the focal {@code mean_i (1 - exp(-ce_i))^gamma ce_i} with the factor detached (stage 2;
 * with weights, ce_i includes w_{y_i} as in {@link Focal}). The noise comes from
 * {@link LossContext#random()}, so each call (two with mixed targets) draws its own, and a run replays
 * from its seed. With every class equally frequent a_c is undefined; it is 0 (no noise).
 */
public final class GaussianCloudedLoss implements LogitLoss {

    /** Standard deviation of the noise before clamping. */
    static final double NOISE_STD = 1.0 / 3.0;

    /** Settings of {@code loss: {type: gcl}}; defaults are GCL's CIFAR stage 1. */
    public static final class Settings {
        /** The scale applied to the perturbed cosines (30 in stage 1, 20 in stage 2). */
        public double s = 30;
        /** The margin subtracted from the true class's cosine (0 in stage 1, 0.1 in stage 2). */
        public double m = 0;
        /** The noise's weight (0.5 on CIFAR). */
        public double noiseMul = 0.5;
        /** The focal exponent, its factor detached; 0 for none (stage 1), 1 in stage 2. */
        public double gamma = 0;
        /** Class weights (none, cb, drw); unused by GCL's recipes. */
        public WeightsSetting weights = WeightsSetting.none();
    }

    private final double[] amplitudes;
    private final double scale;
    private final double margin;
    private final double noiseMul;
    private final double gamma;
    private final ClassWeighting weights;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public GaussianCloudedLoss(Settings settings, PartContext context) {
        String key = context.key();
        amplitudes = amplitudes(context.classes().counts());
        scale = SettingChecks.positive(settings.s, key + ".s");
        margin = SettingChecks.finite(settings.m, key + ".m");
        noiseMul = SettingChecks.nonNegative(settings.noiseMul, key + ".noise_mul");
        gamma = SettingChecks.nonNegative(settings.gamma, key + ".gamma");
        weights = WeightsSetting.build(settings.weights, context);
    }

    /**
     * {@code a_c = (log n_max - log n_c) / (log n_max - log n_min)} with n_min over classes with images;
     * 0 for every class when all are equally frequent; 1 for a class without training images (as rare as
     * the rarest: it is never a label, but its logit still enters every softmax).
     */
    public static double[] amplitudes(int[] counts) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int n : counts) {
            max = Math.max(max, n);
            if (n > 0) {
                min = Math.min(min, n);
            }
        }
        double range = Math.log(max) - Math.log(min);
        double[] out = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts[c] == 0 ? 1 : max == min ? 0 : (Math.log(max) - Math.log(counts[c])) / range;
        }
        return out;
    }

    /** {@code |clamp(eps, -1, 1)|} for {@code count} draws of {@code eps ~ N(0, (1/3)^2)}. */
    static float[] absoluteNoise(RandomGenerator random, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) Math.min(1, Math.abs(random.nextGaussian() * NOISE_STD));
        }
        return out;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        if (context.random() == null) {
            throw new IllegalStateException("GCL draws noise every step and needs LossContext.random");
        }
        Shape shape = logits.getShape();
        float[] noise = absoluteNoise(context.random(), Math.toIntExact(shape.size()));
        return loss(logits, labels, logits.getManager().create(noise, shape), context.epoch());
    }

    /** The loss with given clamped noise magnitudes {@code |eps|} [B, C] (the worked example's F-noise). */
    NDArray loss(NDArray logits, NDArray labels, NDArray absoluteNoise, int epoch) {
        NDArray index = LogitTerms.labelIndex(labels);
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray clouds = absoluteNoise.mul(LogitTerms.perClass(logits, amplitudes)).mul((float) noiseMul);
        NDArray perturbed = logits.sub(clouds);
        if (margin != 0) {
            perturbed = perturbed.sub(index.oneHot(classes).mul((float) margin));
        }
        NDArray ce = LogitTerms.crossEntropies(perturbed.mul((float) scale), index);
        Optional<double[]> w = weights.at(epoch);
        if (gamma == 0) {
            return LogitTerms.mean(ce, index, w);
        }
        if (w.isPresent()) {
            ce = ce.mul(LogitTerms.byLabel(ce, index, w.get()));
        }
        return LogitTerms.softmaxFocal(ce, gamma, true);
    }
}
