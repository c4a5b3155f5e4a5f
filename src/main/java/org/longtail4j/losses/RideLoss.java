package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * RIDE's loss (Wang et al. 2021) over the experts of a multi-expert model: each expert's branch holds its
 * logits {@code z_k} (cosines already multiplied by the head's scale s), the combined output is their mean
 * {@code z_bar}. Per batch:
 * <pre>
 * L     = sum_k [ CE_w(z_k - s m_y e_y, y) + lambda Tbar^2 KL(softmax(z_bar / T) || softmax(z_k / T)) ]
 * m_c   = max_m n_c^(-1/4) / max_j n_j^(-1/4)                       (LDAM margins, {@link Ldam#margins})
 * </pre>
 * with the KL target a constant for autograd and averaged over the batch. Before {@code reweight_epoch}
 * (0-based) the cross-entropy is unweighted and T = Tbar = 1; from it on, CE_w is the weighted mean with
 * class-balanced weights (beta 0.9999, {@link ClassBalancedWeighting}) and
 * {@code T_c = T0 v_c / max_j v_j}, {@code v_c = C pi_c gamma_t + 1 - gamma_t}, {@code Tbar = mean_c T_c}.
 * The sum over experts is not averaged; a negative lambda pushes each expert away from the ensemble.
 */
public final class RideLoss implements Loss {

    /** Settings of {@code loss: {type: ride}}; defaults are RIDE's CIFAR-100-LT config. */
    public static final class Settings {
        /** The rarest class's LDAM margin, in cosine units. */
        public double maxM = 0.5;
        /** The experts' cosine scale: the margin is subtracted as s m_y from their logits. */
        public double s = 30;
        /** lambda, the diversity term's factor: -0.45 for CIFAR-100, -0.2 for ImageNet-LT and iNaturalist. */
        public double diversityFactor = -0.45;
        /** gamma_t of the class temperatures: 0.05 for CIFAR, 0.02 ImageNet-LT, 0.015 iNaturalist. */
        public double reweightFactor = 0.05;
        /** The base temperature T0. */
        public double baseTemperature = 1.0;
        /** The first 0-based epoch with class weights and temperatures (RIDE's {@code epoch > 160}, 1-based). */
        public int reweightEpoch = 160;
        /**
         * false: never re-weight (no class weights, temperature 1 throughout, {@code reweight_epoch} unused):
         * the RIDE loss as the H2T framework configures it, the default of RIDE + H2T's stage 2.
         */
        public boolean reweight = true;
        /** beta of the class-balanced weights from {@code reweight_epoch} on, in [0, 1). */
        public double beta = 0.9999;
    }

    private final double[] scaledMargins;
    private final double diversityFactor;
    private final double[] weights;
    private final double[] temperatures;
    private final double meanTemperature;
    private final int reweightEpoch;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public RideLoss(Settings settings, PartContext context) {
        String key = context.key();
        ClassStatistics classes = context.classes();
        scaledMargins = Ldam.margins(classes.counts(), SettingChecks.nonNegative(settings.maxM, key + ".max_m"));
        double scale = SettingChecks.positive(settings.s, key + ".s");
        for (int c = 0; c < scaledMargins.length; c++) {
            scaledMargins[c] *= scale;
        }
        diversityFactor = SettingChecks.finite(settings.diversityFactor, key + ".diversity_factor");
        double beta = SettingChecks.belowOne(settings.beta, key + ".beta");
        weights = ClassBalancedWeighting.weights(classes.counts(), beta);
        double reweightFactor = SettingChecks.unitInterval(settings.reweightFactor, key + ".reweight_factor");
        double baseTemperature = SettingChecks.positive(settings.baseTemperature, key + ".base_temperature");
        temperatures = temperatures(classes, reweightFactor, baseTemperature);
        double sum = 0;
        for (double t : temperatures) {
            sum += t;
        }
        meanTemperature = sum / temperatures.length;
        reweightEpoch = settings.reweight ? SettingChecks.epoch(settings.reweightEpoch, key + ".reweight_epoch")
                : Integer.MAX_VALUE;
    }

    /** {@code T_c = T0 v_c / max_j v_j} with {@code v_c = C pi_c gamma_t + 1 - gamma_t}. */
    public static double[] temperatures(ClassStatistics classes, double reweightFactor, double baseTemperature) {
        double[] priors = classes.priors();
        double[] v = new double[priors.length];
        double max = 0;
        for (int c = 0; c < priors.length; c++) {
            v[c] = priors.length * priors[c] * reweightFactor + 1 - reweightFactor;
            max = Math.max(max, v[c]);
        }
        for (int c = 0; c < v.length; c++) {
            v[c] = baseTemperature * v[c] / max;
        }
        return v;
    }

    @Override
    public NDArray loss(ModelOutput output, Targets targets, LossContext context) {
        return targets.combine(labels -> loss(output, labels, context.epoch()));
    }

    private NDArray loss(ModelOutput output, NDArray labels, int epoch) {
        boolean reweighting = epoch >= reweightEpoch;
        NDArray index = LogitTerms.labelIndex(labels);
        NDArray combined = output.combined();
        int classes = Math.toIntExact(combined.getShape().get(1));
        long batch = combined.getShape().get(0);
        NDArray margin = index.oneHot(classes).mul(LogitTerms.perClass(combined, scaledMargins));
        Optional<double[]> w = reweighting ? Optional.of(weights) : Optional.empty();
        NDArray temperature = reweighting ? LogitTerms.perClass(combined, temperatures) : null;
        double factor = diversityFactor * (reweighting ? meanTemperature * meanTemperature : 1);
        NDArray target = (reweighting ? combined.div(temperature) : combined).stopGradient().logSoftmax(1);
        NDArray targetProbabilities = target.exp();
        NDArray total = null;
        for (NDArray z : output.branches()) {
            NDArray individual = LogitTerms.mean(LogitTerms.crossEntropies(z.sub(margin), index), index, w);
            NDArray expert = (reweighting ? z.div(temperature) : z).logSoftmax(1);
            NDArray divergence = targetProbabilities.mul(target.sub(expert)).sum().div((float) batch);
            NDArray term = individual.add(divergence.mul((float) factor));
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
