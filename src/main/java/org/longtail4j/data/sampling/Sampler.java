package org.longtail4j.data.sampling;

/**
 * The order in which one epoch visits the training set.
 *
 * <p>Every sampler here returns N positions per epoch (N = training set size), whatever its rule, so
 * that two samplers feeding one stage (H2T's instance and class-balanced branches) cut into the same
 * number of batches of the same sizes and pair up batch by batch. The sequence depends only on the
 * sampler's seed and the epoch number: a run resumed at epoch e sees the same data as an uninterrupted one.
 */
public interface Sampler {

    /**
     * Positions into the training set (0..N-1) for epoch {@code epoch} (0-based), N of them.
     *
     * @throws IllegalArgumentException if epoch is negative
     */
    int[] epoch(int epoch);
}
