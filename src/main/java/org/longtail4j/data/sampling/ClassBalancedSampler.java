package org.longtail4j.data.sampling;

/**
 * Class-balanced sampling (H2T's fused branch, DR; GCL's "BalancedRS" with per-image weight 1 / n_y is
 * the same distribution): each of the N slots of an epoch draws a class uniformly among the classes
 * present, then one of its images uniformly, with replacement. Tail images repeat many times per epoch,
 * head images mostly go unseen.
 */
public final class ClassBalancedSampler extends ClassThenInstance {

    /** The sampler over {@code context}'s labels, drawn from its stream. */
    public ClassBalancedSampler(SamplerContext context) {
        super(context, count -> 1.0);
    }
}
