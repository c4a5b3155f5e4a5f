package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Class-balanced sampling (H2T's fused branch, DR; GCL's "BalancedRS" with per-image weight 1 / n_y is
 * the same distribution): each of the N slots of an epoch draws a class uniformly among the classes
 * present, then one of its images uniformly, with replacement. Tail images repeat many times per epoch,
 * head images mostly go unseen.
 */
public final class ClassBalancedSampler implements Sampler {

    private final ClassThenInstance draw;
    private final IntFunction<SplittableRandom> random;

    /** The sampler over {@code context}'s labels, drawn from its stream. */
    public ClassBalancedSampler(SamplerContext context) {
        this.draw = ClassThenInstance.of(context, count -> 1.0);
        this.random = EpochRandom.of(context);
    }

    @Override
    public int[] epoch(int epoch) {
        return draw.epoch(random.apply(epoch));
    }
}
