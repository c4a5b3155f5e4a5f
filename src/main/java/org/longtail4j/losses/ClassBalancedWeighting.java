package org.longtail4j.losses;

import java.util.Optional;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Class-balanced weights from the effective number of samples (Cui et al. 2019), from epoch 0:
 * {@code E_c = (1 - beta^n_c) / (1 - beta)}, {@code w_c} proportional to {@code 1 / E_c} and scaled so
 * that the weights sum to C. LDAM-DRW's "Reweight" rule (beta 0.9999); BagofTricks-LT's CB-CE and CB-focal
 * (beta 0.9 or 0.99).
 */
public final class ClassBalancedWeighting implements ClassWeighting {

    /** Settings of {@code weights: {type: cb}}. */
    public static final class Settings {
        /** beta of the effective number, in [0, 1); 0 gives every class weight 1. */
        public double beta = 0.9999;
    }

    private final double[] weights;

    /** Builds the weighting for the training set in {@code context}; a bad setting names its key. */
    public ClassBalancedWeighting(Settings settings, PartContext context) {
        weights = weights(context.classes().counts(), SettingChecks.belowOne(settings.beta, context.key() + ".beta"));
    }

    @Override
    public Optional<double[]> at(int epoch) {
        return Optional.of(weights.clone());
    }

    /**
     * CB weights {@code w_c = C * E_c^-1 / sum_k E_k^-1}. A class without training images has an
     * effective number of 0 and would make every weight NaN; it gets weight 0 instead (it is never a
     * training label), and the other classes still sum to C.
     */
    public static double[] weights(int[] counts, double beta) {
        double[] inverse = new double[counts.length];
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            // 1 / E_c written as (1 - beta) / (1 - beta^n): exact at beta 0, no cancellation near 1
            inverse[c] = counts[c] == 0 ? 0 : (1 - beta) / (1 - Math.pow(beta, counts[c]));
            sum += inverse[c];
        }
        double[] out = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts.length * inverse[c] / sum;
        }
        return out;
    }
}
