package org.longtail4j.data.sampling;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassMembers;
import org.longtail4j.util.Shuffle;

/**
 * The class-aware sampler of cRT, LWS (Kang et al. 2020) and MiSLAS (Zhong et al. 2021): the classes are
 * visited in a random order that is reshuffled after each full pass over them, and each visited class
 * gives its next {@code samples_per_class} (4) images from its own list, which is walked in a random
 * order without replacement and reshuffled when exhausted. Classes without images are never visited.
 *
 * <p>The walk persists across epochs, as the reference's iterators do: epoch e starts where epoch e - 1
 * stopped, with a fresh visit (an epoch that ends inside a visit leaves that visit's remaining images
 * drawn but unused, as the reference's generator does). An epoch is a fixed number of full batches
 * (see {@link EpochLength}), and {@link #epoch} returns exactly its positions, so the trainer's epoch is
 * as long as the sampler's.
 *
 * <p>Epoch e is computed directly, without replaying the earlier epochs: each epoch makes the same number
 * of visits V, so V * e visits precede it; every full pass visits each class once, so each class's place
 * in its own list follows from the number of passes and the current pass's order. The order of pass k is
 * drawn from the stream at (0, k), the k-th shuffle of the list of the i-th class that has images from
 * (1, i, k), both under the sampler's purpose: the positions depend only on the stream, the settings and
 * e, and a resumed run sees the same data.
 */
public final class ClassAwareSampler implements Sampler {

    /** How many batches of B images an epoch has (N training images). */
    public enum EpochLength {
        /** int(N / B): classifier-balancing's run_networks.py counts its steps from the data set's size (cRT, LWS). */
        @JsonProperty("floor")
        FLOOR,
        /** ceil(N / B) + 1: MiSLAS's train_stage2.py stops one batch after a full loader's worth. */
        @JsonProperty("ceil_plus_one")
        CEIL_PLUS_ONE;

        int batches(int size, int batchSize) {
            return switch (this) {
                case FLOOR -> size / batchSize;
                case CEIL_PLUS_ONE -> (size + batchSize - 1) / batchSize + 1;
            };
        }
    }

    /** Settings of {@code sampler: class-aware}. */
    public static final class Settings {
        /** Consecutive images taken from each visited class ({@code num_samples_cls}; 4 in cRT, LWS, MiSLAS). */
        public int samplesPerClass = 4;
        /** {@code floor}: int(N / B) batches per epoch (cRT, LWS); {@code ceil_plus_one}: ceil(N / B) + 1 (MiSLAS). */
        public EpochLength epochLength = EpochLength.FLOOR;
    }

    private static final long CLASS_ORDER = 0;
    private static final long CLASS_LIST = 1;

    private final SamplerContext context;
    private final int perVisit;
    private final int length;
    /** Positions of each class that has any, in class index order. */
    private final int[][] members;

    public ClassAwareSampler(Settings settings, SamplerContext context) {
        if (settings.samplesPerClass < 1) {
            throw new BadInputException("config key '" + context.key() + ".samples_per_class' is "
                    + settings.samplesPerClass + ", expected an integer >= 1");
        }
        int size = context.size();
        if (size == 0) {
            throw new BadInputException("config key '" + context.key() + "': the class-aware sampler has no "
                    + "training images to draw from");
        }
        int batches = settings.epochLength.batches(size, context.batchSize());
        if (batches == 0) {
            throw new BadInputException("config key '" + context.key() + ".epoch_length' is floor, but "
                    + size + " training images make no full batch of " + context.batchSize()
                    + " (use ceil_plus_one or a smaller batch)");
        }
        this.context = context;
        this.perVisit = settings.samplesPerClass;
        this.length = Math.multiplyExact(batches, context.batchSize());
        this.members = ClassMembers.positionsOfPresentLabels(context.labels(), context.classes().numClasses());
    }

    /** The positions of epoch {@code epoch}: the rule's number of batches times B. */
    @Override
    public int[] epoch(int epoch) {
        EpochRandom.checked(epoch);
        int classes = members.length;
        long visitsBefore = (long) epoch * ((length + perVisit - 1) / perVisit);
        long pass = visitsBefore / classes;
        int next = (int) (visitsBefore % classes);
        int[] order = classOrder(pass);
        ClassList[] lists = new ClassList[classes];
        for (int c = 0; c < classes; c++) {
            lists[c] = new ClassList(c, pass * perVisit);
        }
        for (int v = 0; v < next; v++) {
            lists[order[v]].taken += perVisit;
        }
        int[] positions = new int[length];
        int filled = 0;
        while (filled < length) {
            if (next == classes) {
                pass++;
                order = classOrder(pass);
                next = 0;
            }
            ClassList list = lists[order[next++]];
            for (int s = 0; s < perVisit; s++) {
                int position = list.next();
                if (filled < length) {
                    positions[filled++] = position;
                }
            }
        }
        return positions;
    }

    /** The visiting order of pass {@code pass}: indices into {@link #members}. */
    private int[] classOrder(long pass) {
        return Shuffle.permutation(members.length, context.stream(CLASS_ORDER, pass));
    }

    /** One class's endless walk: its k-th shuffle of its list, then the (k + 1)-th, ... */
    private final class ClassList {

        private final int index;
        long taken;
        private long shuffle = -1;
        private int[] order;

        ClassList(int index, long taken) {
            this.index = index;
            this.taken = taken;
        }

        int next() {
            int[] list = members[index];
            long k = taken / list.length;
            if (k != shuffle) {
                order = Shuffle.permutation(list.length, context.stream(CLASS_LIST, index, k));
                shuffle = k;
            }
            return list[order[(int) (taken++ % list.length)]];
        }
    }
}
