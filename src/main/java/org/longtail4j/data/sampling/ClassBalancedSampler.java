package org.longtail4j.data.sampling;

/**
 * Class-balanced sampling (H2T's fused branch, cRT, DR): each of the N slots of an epoch draws a class
 * uniformly among the classes present, then one of its images uniformly, with replacement. Tail images
 * repeat many times per epoch, head images mostly go unseen.
 */
public final class ClassBalancedSampler implements Sampler {

    private final ClassThenInstance draw;
    private final long seed;

    /**
     * @param labels label of each training position (N of them)
     * @param numClasses C; classes with no position are skipped
     */
    public ClassBalancedSampler(int[] labels, int numClasses, long seed) {
        this.draw = new ClassThenInstance(labels, numClasses, count -> 1.0);
        this.seed = seed;
    }

    @Override
    public int[] epoch(int epoch) {
        return draw.epoch(EpochRandom.of(seed, EpochRandom.CLASS_BALANCED, epoch));
    }
}
