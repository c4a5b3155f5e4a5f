package org.longtail4j.data.sampling;

import java.util.SplittableRandom;

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
        SplittableRandom random = EpochRandom.of(seed, EpochRandom.INSTANCE, epoch);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
