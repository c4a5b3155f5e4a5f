package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.longtail4j.losses.Targets;
import org.longtail4j.parts.PartContext;

/**
 * BBN's bilateral sampling with cumulative learning (Zhou et al., CVPR 2020; methods-multibranch.md 6.2,
 * 6.3): the primary (instance) batch goes to the conventional branch, the batch of an extra reversed-sampler
 * stream to the re-balancing branch, and the targets are (conventional labels, reversed labels, alpha(e)).
 * Nothing is mixed in pixel space: the batch carries one input per branch, and the model (a
 * {@link org.longtail4j.models.BranchInputs} backbone) runs its trunk on each. The {@code bbn} loss reads
 * alpha from the targets' weight, so alpha is computed here only.
 */
public final class Bilateral implements BatchMixing {

    /** Settings of {@code mixing: bilateral}. */
    public static final class Settings {
        /** The second stream's sampler (BBN's reversed sampler, class probability proportional to 1 / n_c). */
        public String sampler = "reversed";
    }

    private final String sampler;

    public Bilateral(Settings settings, PartContext context) {
        this.sampler = settings.sampler;
    }

    @Override
    public List<Object> extraStreams() {
        return List.of(sampler);
    }

    /** The conventional batch and the reversed batch, one per branch. */
    @Override
    public int branchInputs() {
        return 2;
    }

    /**
     * BBN's cumulative-learning weight of the conventional branch for the 0-based epoch {@code epoch} of
     * {@code epochs}: alpha = 1 - (epoch / E_div)^2, E_div = E except for E = 90 or 180, where BBN's code
     * rounds it up to 100 (floor(E / 100) + 1). In the spec's 1-indexed form 1 - ((e - 1) / E_div)^2:
     * 1 in the first epoch, 0.75 in epoch 101 of 200.
     */
    public static double alpha(int epoch, int epochs) {
        if (epochs < 1 || epoch < 0) {
            throw new IllegalArgumentException("BBN's alpha needs 0 <= epoch < epochs, got " + epoch + " of " + epochs);
        }
        double divisor = epochs == 90 || epochs == 180 ? 100.0 * (epochs / 100 + 1) : epochs;
        double t = epoch / divisor;
        return Math.max(0, 1 - t * t);
    }

    /**
     * @param extra exactly one batch, the reversed stream's, at least as large as {@code images}
     * @return both batches as the branches' inputs and (conventional labels, reversed labels, alpha)
     */
    @Override
    public MixedBatch mix(NDArray images, NDArray labels, List<LabelledImages> extra, MixingContext context) {
        if (extra.size() != 1) {
            throw new IllegalArgumentException("BBN takes one reversed batch, got " + extra.size());
        }
        long size = images.getShape().get(0);
        LabelledImages reversed = extra.get(0);
        if (reversed.images().getShape().get(0) != size) {
            NDIndex first = new NDIndex("0:{}", size);
            reversed = new LabelledImages(reversed.images().get(first), reversed.labels().get(first));
        }
        return new MixedBatch(List.of(images, reversed.images()),
                new Targets(labels, reversed.labels(), alpha(context.epoch(), context.epochs())));
    }

    @Override
    public String describe() {
        return "BBN bilateral batches (second stream: " + sampler + "; alpha = 1 - (e / E)^2)";
    }
}
