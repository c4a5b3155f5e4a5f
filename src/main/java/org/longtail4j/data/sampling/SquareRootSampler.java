package org.longtail4j.data.sampling;

/**
 * Square-root sampling (Mahajan et al. 2018, used as a milder re-balancing than class-balanced): each
 * of the N slots draws class c with probability proportional to sqrt(n_c), then one of its images
 * uniformly, with replacement.
 */
public final class SquareRootSampler extends ClassThenInstance {

    /** The sampler over {@code context}'s labels, drawn from its stream. */
    public SquareRootSampler(SamplerContext context) {
        super(context, Math::sqrt);
    }
}
