package org.longtail4j.data.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.longtail4j.BadInputException;
import org.longtail4j.util.Shuffle;

/**
 * The ordinary shuffled pass: every position exactly once per epoch, in a fresh order each epoch
 * (Fisher-Yates). On a long-tailed set it reproduces the training distribution, head-heavy.
 */
public final class InstanceSampler implements Sampler {

    /** Settings of {@code sampler: instance}. */
    public static final class Settings {
        /**
         * Leave out the positions of the short last batch, so the epoch is floor(N / B) full batches
         * (BBN's conventional loader drops its last batch); false keeps all N positions.
         */
        public boolean dropLast = false;
    }

    private final int size;
    private final int length;
    private final IntFunction<SplittableRandom> random;

    /** The pass over {@code context}'s labels, drawn from its stream. */
    public InstanceSampler(Settings settings, SamplerContext context) {
        this.size = context.size();
        this.length = settings.dropLast ? size / context.batchSize() * context.batchSize() : size;
        if (length == 0 && size > 0) {
            throw new BadInputException("config key '" + context.key() + ".drop_last' is true, but the "
                    + size + " training images make no full batch of " + context.batchSize());
        }
        this.random = EpochRandom.of(context);
    }

    @Override
    public int[] epoch(int epoch) {
        int[] order = Shuffle.permutation(size, random.apply(epoch));
        return length == size ? order : Arrays.copyOf(order, length);
    }
}
