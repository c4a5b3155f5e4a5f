package org.longtail4j.losses;

import java.util.Optional;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Deferred re-weighting (DRW, Cao et al. 2019): unweighted before {@code start_epoch}, class-balanced
 * weights ({@link ClassBalancedWeighting}) from it on. Epochs are 0-based: with the default 160 the
 * first re-weighted epoch is the 161st, as in LDAM-DRW's {@code epoch // 160} rule and RIDE's
 * {@code epoch > 160} with 1-based epochs.
 */
public final class DeferredReweighting implements ClassWeighting {

    /** Settings of {@code weights: {type: drw}}. */
    public static final class Settings {
        /** beta of the effective number once re-weighting is on, in [0, 1). */
        public double beta = 0.9999;
        /** The first 0-based epoch that is re-weighted (a value past the stage's end never re-weights). */
        public int startEpoch = 160;
    }

    private final double[] weights;
    private final int startEpoch;

    /** Builds the weighting for the training set in {@code context}; a bad setting names its key. */
    public DeferredReweighting(Settings settings, PartContext context) {
        weights = ClassBalancedWeighting.weights(context.classes().counts(),
                SettingChecks.belowOne(settings.beta, context.key() + ".beta"));
        startEpoch = SettingChecks.epoch(settings.startEpoch, context.key() + ".start_epoch");
    }

    @Override
    public Optional<double[]> at(int epoch) {
        return epoch < startEpoch ? Optional.empty() : Optional.of(weights.clone());
    }
}
