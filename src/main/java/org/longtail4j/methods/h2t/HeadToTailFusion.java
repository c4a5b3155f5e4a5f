package org.longtail4j.methods.h2t;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.BadInputException;
import org.longtail4j.methods.FeatureTransform;
import org.longtail4j.parts.CheckedSettings;
import org.longtail4j.parts.PartContext;

/**
 * H2T as a feature transform: the stage's (class-balanced) batch is fused with an extra instance-sampled
 * batch of the same size, map by map (each branch its own channel subset), by {@link FeatureFusion}.
 * The instance batch's labels are never used.
 */
public final class HeadToTailFusion implements FeatureTransform {

    /** Settings of {@code transform: {type: h2t}}. */
    public static final class Settings implements CheckedSettings {
        /** Fusion ratio: floor(p * C) channels of the balanced map are replaced (the release's 0.25). */
        public double p = 0.25;
        /** The sampler of the fusing (head-rich) stream. */
        public Object sampler = "instance";

        @Override
        public void check(String key) {
            if (!(p >= 0 && p <= 1)) {
                throw new BadInputException("config key '" + key + ".p' is " + p + ", expected a fusion ratio in [0, 1]");
            }
        }
    }

    private final FeatureFusion fusion;
    private final Object sampler;

    public HeadToTailFusion(Settings settings, PartContext context) {
        fusion = new FeatureFusion(settings.p);
        sampler = settings.sampler;
    }

    @Override
    public List<Object> extraStreams() {
        // p = 0 is plain DR: no fusing batch, so no extra forward pass moving the BN statistics either.
        return fusion.ratio() > 0 ? List.of(sampler) : List.of();
    }

    @Override
    public NDList apply(NDList maps, List<NDList> extraMaps, SplittableRandom random) {
        return extraMaps.isEmpty() ? maps : fusion.fuseAll(maps, extraMaps.get(0), random);
    }

    @Override
    public String describe() {
        return "H2T (p " + fusion.ratio() + ")";
    }
}
