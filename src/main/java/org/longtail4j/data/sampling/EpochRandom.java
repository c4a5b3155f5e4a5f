package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import org.longtail4j.util.Seeds;

/**
 * One independent random stream per (seed, sampler kind, epoch).
 *
 * <p>Seeding {@code SplittableRandom} with seed + epoch would not do: its streams for seeds that differ
 * by its internal increment are the same sequence shifted by one draw. Hashing the three numbers through
 * the MurmurHash3 64-bit finaliser gives unrelated starting states. The kind keeps two samplers built
 * from the same run seed (H2T's instance and balanced branches) from consuming the same stream.
 */
final class EpochRandom {

    static final long INSTANCE = 1;
    static final long CLASS_BALANCED = 2;
    static final long SQUARE_ROOT = 3;

    private EpochRandom() {
    }

    static SplittableRandom of(long seed, long kind, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " (expected >= 0)");
        }
        return Seeds.stream(seed, kind, epoch);
    }
}
