package org.longtail4j.data.sampling;

/**
 * Square-root sampling (Mahajan et al. 2018, used as a milder re-balancing than class-balanced): each
 * of the N slots draws class c with probability proportional to sqrt(n_c), then one of its images
 * uniformly, with replacement.
 */
public final class SquareRootSampler implements Sampler {

    private final ClassThenInstance draw;
    private final long seed;

    /**
     * @param labels label of each training position (N of them)
     * @param numClasses C
     */
    public SquareRootSampler(int[] labels, int numClasses, long seed) {
        this.draw = new ClassThenInstance(labels, numClasses, Math::sqrt);
        this.seed = seed;
    }

    @Override
    public int[] epoch(int epoch) {
        return draw.epoch(EpochRandom.of(seed, EpochRandom.SQUARE_ROOT, epoch));
    }
}
