package org.longtail4j.data.sampling;

import org.longtail4j.util.Shuffle;

/**
 * The ordinary shuffled pass: every position exactly once per epoch, in a fresh order each epoch
 * (Fisher-Yates). On a long-tailed set it reproduces the training distribution, head-heavy.
 */
public final class InstanceSampler implements Sampler {

    private final int size;
    private final long seed;

    /** @param size N, the number of training images */
    public InstanceSampler(int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    @Override
    public int[] epoch(int epoch) {
        return Shuffle.permutation(size, EpochRandom.of(seed, EpochRandom.INSTANCE, epoch));
    }
}
