package org.longtail4j.data.sampling;

import java.util.function.IntToDoubleFunction;
import org.longtail4j.parts.SettingChecks;

/**
 * Re-sampling by the inverse effective number (Cui et al. 2019): LDAM-DRW's {@code Resample} rule and
 * GCL's {@code EffectNumRS} sampler. Every image of class y has weight (1 - beta) / (1 - beta^n_y), and an
 * epoch is N draws with replacement by those weights, so class c is drawn with probability proportional
 * to n_c * (1 - beta) / (1 - beta^n_c), then one of its images uniformly. Beta 0 gives the instance
 * distribution; as beta tends to 1 the weights tend to 1 / n_y and the classes to uniform.
 */
public final class EffectiveNumberSampler extends ClassThenInstance {

    /** Settings of {@code sampler: effective-number}. */
    public static final class Settings {
        /** beta of the effective number (1 - beta^n) / (1 - beta), in [0, 1); 0.9999 in LDAM-DRW and GCL. */
        public double beta = 0.9999;
    }

    public EffectiveNumberSampler(Settings settings, SamplerContext context) {
        super(context, weightOfCount(SettingChecks.belowOne(settings.beta, context.key() + ".beta")));
    }

    /** Class weight n_c times the per-image weight. */
    private static IntToDoubleFunction weightOfCount(double beta) {
        return count -> count * weight(beta, count);
    }

    /**
     * (1 - beta) / (1 - beta^n), with 1 - beta^n as -expm1(n log beta) so that beta close to 1 keeps its
     * digits; 1 for beta 0.
     */
    static double weight(double beta, int count) {
        if (beta == 0) {
            return 1;
        }
        return (1 - beta) / -Math.expm1(count * Math.log(beta));
    }
}
