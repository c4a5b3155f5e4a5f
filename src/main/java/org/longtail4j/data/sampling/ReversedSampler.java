package org.longtail4j.data.sampling;

/**
 * BBN's reversed sampler (Zhou et al. 2020): each of the N slots draws class c with probability
 * proportional to 1 / n_c (BBN's w_c = n_max / n_c, normalised), then one of its images uniformly, with
 * replacement, so the rarest class is the most frequent. BBN draws the class by inverse CDF over the
 * classes in index order with one uniform number, as {@link ClassThenInstance} does.
 */
public final class ReversedSampler extends ClassThenInstance {

    public ReversedSampler(SamplerContext context) {
        super(context, count -> 1.0 / count);
    }
}
