package org.longtail4j.data.sampling;

import java.util.function.IntToDoubleFunction;
import org.longtail4j.parts.SettingChecks;

/**
 * CMO's minority-weighted sampler (Park et al. 2022), the source of its foreground patches: every image
 * of class y has weight w_y = n_y^-alpha, and an epoch is N draws with replacement by those weights.
 * Class c is therefore drawn with probability proportional to n_c * n_c^-alpha = n_c^(1 - alpha), then
 * one of its images uniformly: alpha 1 gives every class 1/C, alpha 0 the instance distribution. (CMO
 * normalises w to sum C; sampling ignores the scale.)
 */
public final class MinorityWeightedSampler extends ClassThenInstance {

    /** Settings of {@code sampler: minority-weighted}. */
    public static final class Settings {
        /** The exponent of w_c = n_c^-alpha (CMO's {@code weighted_alpha}; 1 in every CMO recipe). */
        public double alpha = 1.0;
    }

    public MinorityWeightedSampler(Settings settings, SamplerContext context) {
        super(context, weightOfCount(SettingChecks.finite(settings.alpha, context.key() + ".alpha")));
    }

    /** Class weight n_c * n_c^-alpha = n_c^(1 - alpha). */
    private static IntToDoubleFunction weightOfCount(double alpha) {
        return count -> Math.pow(count, 1 - alpha);
    }
}
