package org.longtail4j.data.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassMembers;
import org.longtail4j.util.Shuffle;

/**
 * RIDE's balanced sampler for its router stage (Wang et al. 2021; methods-multibranch.md 2.4): each of the
 * N slots of an epoch draws a class uniformly among the classes that have images, then takes that class's
 * next image from its own shuffled list, which is reshuffled each time it is used up. Unlike
 * {@code class-balanced} (an image drawn with replacement) a class's images come round evenly; unlike
 * {@code class-aware} the classes are drawn independently, not in passes, one image per draw.
 *
 * <p>The lists persist across epochs, as RIDE's sampler object does. Epoch e is computed directly: its class
 * draws come from the stream at (0, e), and where each class's walk stands at its start follows from
 * counting the class draws of epochs 0..e-1 (replayed, O(e N) integer draws); the k-th shuffle of the
 * i-th class's list comes from (1, i, k). The positions depend only on the stream and e, so a resumed run
 * sees the same data.
 */
public final class ClassCyclingSampler implements Sampler {

    private static final long CLASS_DRAWS = 0;
    private static final long CLASS_LIST = 1;

    private final SamplerContext context;
    private final int size;
    /** Positions of each class that has any, in class index order. */
    private final int[][] members;

    public ClassCyclingSampler(SamplerContext context) {
        this.context = context;
        this.size = context.size();
        if (size == 0) {
            throw new BadInputException("config key '" + context.key() + "': the class-cycling sampler has no "
                    + "training images to draw from");
        }
        this.members = ClassMembers.positionsOfPresentLabels(context.labels(), context.classes().numClasses());
    }

    /** The N positions of epoch {@code epoch}. */
    @Override
    public int[] epoch(int epoch) {
        EpochRandom.checked(epoch);
        long[] taken = new long[members.length];
        for (int before = 0; before < epoch; before++) {
            int[] draws = classDraws(before);
            for (int c : draws) {
                taken[c]++;
            }
        }
        int[] draws = classDraws(epoch);
        int[][] shuffles = new int[members.length][];
        long[] shuffleNumber = new long[members.length];
        Arrays.fill(shuffleNumber, -1);
        int[] positions = new int[size];
        for (int slot = 0; slot < size; slot++) {
            int c = draws[slot];
            int[] list = members[c];
            long k = taken[c] / list.length;
            if (k != shuffleNumber[c]) {
                shuffles[c] = Shuffle.permutation(list.length, context.stream(CLASS_LIST, c, k));
                shuffleNumber[c] = k;
            }
            positions[slot] = list[shuffles[c][(int) (taken[c]++ % list.length)]];
        }
        return positions;
    }

    /** The class (an index into {@link #members}) of each slot of epoch {@code epoch}. */
    private int[] classDraws(int epoch) {
        SplittableRandom random = context.stream(CLASS_DRAWS, epoch);
        int[] draws = new int[size];
        for (int slot = 0; slot < size; slot++) {
            draws[slot] = random.nextInt(members.length);
        }
        return draws;
    }
}
