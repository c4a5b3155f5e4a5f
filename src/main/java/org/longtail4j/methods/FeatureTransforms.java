package org.longtail4j.methods;

import org.longtail4j.methods.h2t.HeadToTailFusion;
import org.longtail4j.parts.PartRegistry;

/** Every feature transform a stage can name ({@code transform: {type: NAME, ...}}). */
public final class FeatureTransforms {

    public static final PartRegistry<FeatureTransform> TRANSFORMS = new PartRegistry<FeatureTransform>("feature transform")
            .register("h2t", "head-to-tail fusion: floor(p * C) channels of the balanced maps replaced by the "
                    + "instance maps', per branch", "Li et al., AAAI 2024", HeadToTailFusion.Settings.class,
                    HeadToTailFusion::new);

    private FeatureTransforms() {}
}
