package org.longtail4j.util;

import java.util.SplittableRandom;

/**
 * Random streams derived from the run's seed and a position (epoch, iteration, purpose), never from
 * the order in which threads happen to ask: a resumed run, or one with a different number of
 * prefetching threads, draws exactly the same numbers.
 */
public final class Seeds {

    private Seeds() {}

    /** A generator for the stream identified by {@code keys} under {@code seed}. */
    public static SplittableRandom stream(long seed, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long key : keys) {
            h = mix(h ^ mix(key + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(h);
    }

    /**
     * The seed for libtorch's generator, which takes an int: a seed in int range is passed as is (so runs
     * made before this fold keep their figures); a larger one is mixed down to 32 bits rather than cut
     * off, so 2^32 gives neither seed 0's nor seed 1's model initialisation.
     */
    public static int engineSeed(long seed) {
        return seed == (int) seed ? (int) seed : Long.hashCode(mix(seed));
    }

    /** Stafford's variant 13 of the 64-bit finaliser (as in SplittableRandom): a bijective mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
