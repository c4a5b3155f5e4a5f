package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Square-root sampling (Mahajan et al. 2018, used as a milder re-balancing than class-balanced): each
 * of the N slots draws class c with probability proportional to sqrt(n_c), then one of its images
 * uniformly, with replacement.
 */
public final class SquareRootSampler implements Sampler {

    private final ClassThenInstance draw;
    private final IntFunction<SplittableRandom> random;

    /** The sampler over {@code context}'s labels, drawn from its stream. */
    public SquareRootSampler(SamplerContext context) {
        this.draw = ClassThenInstance.of(context, Math::sqrt);
        this.random = EpochRandom.of(context);
    }

    @Override
    public int[] epoch(int epoch) {
        return draw.epoch(random.apply(epoch));
    }
}
