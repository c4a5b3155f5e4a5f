package org.longtail4j.data.sampling;

/**
 * The order in which one epoch visits the training set.
 *
 * <p>A sampler returns exactly the positions of its epoch, and so tells the trainer how long its epoch
 * is. Most return N positions (N = training set size), whatever their rule, so that two samplers feeding
 * one stage (H2T's instance and class-balanced branches) cut into the same number of batches of the same
 * sizes and pair up batch by batch. Two rules make a different length: the class-aware sampler's epoch is
 * a number of full batches (int(N / B) for cRT, ceil(N / B) + 1 for MiSLAS), and the instance sampler
 * without its short last batch has floor(N / B) * B; the trainer fits a stream paired with such a primary to
 * the primary's length. The sequence depends only on the sampler's random stream and the epoch number: a
 * run resumed at epoch e sees the same data as an uninterrupted one.
 */
public interface Sampler {

    /**
     * Positions into the training set (0..N-1) for epoch {@code epoch} (0-based): N of them unless the
     * sampler's epoch is defined otherwise.
     *
     * @throws IllegalArgumentException if epoch is negative
     */
    int[] epoch(int epoch);
}
