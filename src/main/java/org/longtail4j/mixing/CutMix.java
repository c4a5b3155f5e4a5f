package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.losses.Targets;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;
import org.longtail4j.util.Shuffle;

/**
 * CutMix (Yun et al. 2019): with probability p, one box per batch (see {@link CutBox}) is cut from a
 * random permutation pi of the batch and pasted into it, sample i receiving sample pi[i]'s pixels, and
 * lambda is corrected to the background's kept area:
 *
 * <pre>
 * r ~ U(0, 1); if r &lt; p: lambda ~ Beta(alpha, alpha), pi, box; x' = x with x[pi] inside the box,
 * targets (y, y[pi], 1 - box area / (H * W))
 * </pre>
 *
 * Draws, in this order, from the step's generator: r, lambda, pi (Fisher-Yates from the last position
 * down), the box's row centre, its column centre. Otherwise the batch passes through unmixed.
 */
public final class CutMix implements BatchMixing {

    /** Settings of {@code mixing: cutmix}. */
    public static final class Settings {
        /** The two shapes of the Beta distribution of lambda (CutMix's {@code beta}; 1: uniform). */
        public double alpha = 1.0;
        /**
         * The probability that a batch is mixed ({@code cutmix_prob}); the CutMix paper's ImageNet runs use
         * 1, its CIFAR commands 0.5.
         */
        public double probability = 1.0;
    }

    private final double alpha;
    private final double probability;

    public CutMix(Settings settings, PartContext context) {
        this.alpha = SettingChecks.positive(settings.alpha, context.key() + ".alpha");
        this.probability = SettingChecks.unitInterval(settings.probability, context.key() + ".probability");
    }

    /**
     * @return the images with the pasted box (a new array; the given images themselves when the batch is
     *     not mixed) and (labels, labels[pi], lambda')
     */
    @Override
    public MixedBatch mix(NDArray images, NDArray labels, List<LabelledImages> extra, MixingContext context) {
        SplittableRandom random = context.random();
        if (!(random.nextDouble() < probability)) {
            return new MixedBatch(images, Targets.of(labels));
        }
        double lambda = BetaDistribution.sample(random, alpha, alpha);
        int size = Math.toIntExact(images.getShape().get(0));
        long[] permutation = Arrays.stream(Shuffle.permutation(size, random)).asLongStream().toArray();
        CutBox box = CutBox.draw(lambda, height(images), width(images), random);
        try (NDArray index = images.getManager().create(permutation);
                NDArray partners = images.get(index)) {
            return new MixedBatch(box.paste(images, partners),
                    new Targets(labels, labels.get(index), box.keptFraction()));
        }
    }

    @Override
    public String describe() {
        return "CutMix (alpha " + alpha + ", p " + probability + ")";
    }

    static int height(NDArray images) {
        return Math.toIntExact(images.getShape().get(2));
    }

    static int width(NDArray images) {
        return Math.toIntExact(images.getShape().get(3));
    }
}
