package org.longtail4j.losses;

import java.util.Optional;
import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartRegistry;

/**
 * Every class weighting a loss can name as its {@code weights} setting ({@code weights: {type: NAME, ...}}
 * or just {@code weights: NAME}): the one place they are registered.
 */
public final class ClassWeightingRegistry {

    public static final PartRegistry<ClassWeighting> WEIGHTINGS = new PartRegistry<ClassWeighting>("class weighting");

    static {
        WEIGHTINGS.register("none", "every class weight 1 (an unweighted loss)", "-", NoSettings.class,
                (settings, context) -> epoch -> Optional.empty());
        WEIGHTINGS.register("cb", "class-balanced weights 1 / effective number, normalised to sum C",
                "Cui et al. 2019, Class-Balanced Loss Based on Effective Number of Samples",
                ClassBalancedWeighting.Settings.class, ClassBalancedWeighting::new);
        WEIGHTINGS.register("drw", "deferred re-weighting: unweighted, then class-balanced from start_epoch",
                "Cao et al. 2019, Learning Imbalanced Datasets with Label-Distribution-Aware Margin Loss",
                DeferredReweighting.Settings.class, DeferredReweighting::new);
    }

    private ClassWeightingRegistry() {}
}
