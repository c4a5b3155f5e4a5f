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
 * Input mixup (Zhang et al. 2018; the CE + mixup stage 1 of H2T, MiSLAS and GCL): per batch one
 * {@code lambda ~ Beta(alpha, alpha)} and one random permutation pi of the batch,
 *
 * <pre>
 * x' = lambda * x + (1 - lambda) * x[pi],   targets (y, y[pi], lambda)
 * </pre>
 *
 * so every loss gives lambda * L(y) + (1 - lambda) * L(y[pi]). Lambda is drawn first, then the
 * permutation (Fisher-Yates from the last position down), both from the step's generator, so a run
 * replays from its seed. Alpha 0 turns mixing off (lambda 1, no draws; the images are passed through).
 */
public final class Mixup implements BatchMixing {

    /** Settings of {@code mixing: mixup}. */
    public static final class Settings {
        /** The two shapes of the Beta distribution of lambda (1: uniform); 0 turns mixing off. */
        public double alpha = 1.0;
    }

    private final double alpha;

    public Mixup(Settings settings, PartContext context) {
        this.alpha = SettingChecks.nonNegative(settings.alpha, context.key() + ".alpha");
    }

    /**
     * @return the blended images (a new array in the images' manager; the given images themselves when
     *     alpha is 0) and (labels, labels[pi], lambda)
     */
    @Override
    public MixedBatch mix(NDArray images, NDArray labels, List<LabelledImages> extra, MixingContext context) {
        if (alpha == 0) {
            return new MixedBatch(images, Targets.of(labels));
        }
        SplittableRandom random = context.random();
        int size = Math.toIntExact(images.getShape().get(0));
        double lambda = BetaDistribution.sample(random, alpha, alpha);
        long[] permutation = Arrays.stream(Shuffle.permutation(size, random)).asLongStream().toArray();
        try (NDArray index = images.getManager().create(permutation);
                NDArray partners = images.get(index)) {
            NDArray mixed = images.mul(lambda).addi(partners.muli(1 - lambda));
            return new MixedBatch(mixed, new Targets(labels, labels.get(index), lambda));
        }
    }

    @Override
    public String describe() {
        return "mixup (alpha " + alpha + ")";
    }
}
