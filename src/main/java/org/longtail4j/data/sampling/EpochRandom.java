package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.longtail4j.util.Seeds;

/**
 * The random stream of each epoch of a sampler, in one of two keyings.
 *
 * <p>{@link #of(SamplerContext)}: the stage's streams under the sampler's purpose, the keying every
 * sampler built from {@link SamplerRegistry} uses. {@link #legacy}: {@code Seeds.stream(seed, kind,
 * epoch)}, the keying of the samplers' seed constructors, kept so that the methods that still build
 * samplers from a bare seed replay their runs unchanged (it is not keyed by stage; remove it when they
 * build samplers from the registry). Both hash their keys through {@link Seeds}, never seed + epoch:
 * {@code SplittableRandom} streams whose seeds differ by its internal increment are one sequence shifted.
 */
final class EpochRandom {

    static final long INSTANCE = 1;
    static final long CLASS_BALANCED = 2;

    private EpochRandom() {
    }

    /** Epoch e's stream: {@code context.stream(e)}. */
    static IntFunction<SplittableRandom> of(SamplerContext context) {
        return epoch -> context.stream(checked(epoch));
    }

    /** Epoch e's stream: {@code Seeds.stream(seed, kind, e)}. */
    static IntFunction<SplittableRandom> legacy(long seed, long kind) {
        return epoch -> Seeds.stream(seed, kind, checked(epoch));
    }

    static int checked(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " (expected >= 0)");
        }
        return epoch;
    }
}
