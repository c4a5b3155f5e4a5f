package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The random stream of each epoch of a sampler: {@code context.stream(epoch)}, i.e. the stage's
 * {@link org.longtail4j.parts.RandomStreams} under the sampler's purpose, keyed by (run seed, stage,
 * purpose, epoch). The keys are hashed together by {@link org.longtail4j.util.Seeds} (FNV-1a for the two
 * names, Stafford's 64-bit mixer for the chain), never seed + epoch: {@code SplittableRandom} streams whose
 * seeds differ by its internal increment are one sequence shifted.
 */
final class EpochRandom {

    private EpochRandom() {
    }

    /** Epoch e's stream: {@code context.stream(e)}. */
    static IntFunction<SplittableRandom> of(SamplerContext context) {
        return epoch -> context.stream(checked(epoch));
    }

    static int checked(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " (expected >= 0)");
        }
        return epoch;
    }
}
