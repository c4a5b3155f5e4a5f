package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.longtail4j.losses.Targets;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * CMO, context-rich minority oversampling (Park et al. 2022): CutMix whose foreground comes from an extra
 * minority-weighted stream (per-image weight n_y^-alpha, see {@link #extraStreams()}), pasted onto the
 * ordinary instance-sampled batch, which keeps its context.
 *
 * <p>Only in the active window of 0-based epochs {@code start < e < E - end} (e = 4 .. 196 of 200 with
 * start = end = 3). There, per iteration: the foreground batch is truncated to the background's size;
 * r ~ U(0, 1); if r &lt; p: lambda ~ Beta(beta, beta), one box for the whole batch ({@link CutBox}, row
 * centre then column centre), foreground sample i pasted into background sample i, and the targets are
 * (background labels, foreground labels, lambda' = 1 - box area / (H * W)). Otherwise, or outside the
 * window, the batch passes through unmixed and nothing is drawn. The trainer draws the foreground batch
 * every iteration, pasted or not, as the reference does.
 */
public final class Cmo implements BatchMixing {

    /** Settings of {@code mixing: cmo}. */
    public static final class Settings {
        /** The probability that a batch gets a pasted box ({@code mix_prob}). */
        public double probability = 0.5;
        /** The two shapes of the Beta distribution of lambda ({@code beta}; 1: uniform). */
        public double beta = 1.0;
        /** CMO is off for 0-based epochs e <= start ({@code start_data_aug}). */
        public int start = 3;
        /** CMO is off for 0-based epochs e >= E - end ({@code end_data_aug}). */
        public int end = 3;
        /** alpha of the foreground sampler's weights n_y^-alpha ({@code weighted_alpha}; 1: uniform classes). */
        public double weightedAlpha = 1.0;
    }

    private final double probability;
    private final double beta;
    private final int start;
    private final int end;
    private final double weightedAlpha;

    public Cmo(Settings settings, PartContext context) {
        this.probability = SettingChecks.unitInterval(settings.probability, context.key() + ".probability");
        this.beta = SettingChecks.positive(settings.beta, context.key() + ".beta");
        this.start = SettingChecks.epoch(settings.start, context.key() + ".start");
        this.end = SettingChecks.count(settings.end, context.key() + ".end");
        this.weightedAlpha = SettingChecks.finite(settings.weightedAlpha, context.key() + ".weighted_alpha");
    }

    /** One foreground stream: {@code {type: minority-weighted, alpha: weighted_alpha}}. */
    @Override
    public List<Object> extraStreams() {
        Map<String, Object> foreground = new LinkedHashMap<>();
        foreground.put("type", "minority-weighted");
        foreground.put("alpha", weightedAlpha);
        return List.of(foreground);
    }

    /** Whether CMO pastes in 0-based epoch {@code epoch} of {@code epochs}: start < epoch < epochs - end. */
    public boolean active(int epoch, int epochs) {
        return start < epoch && epoch < epochs - end;
    }

    /**
     * @param extra exactly one batch, the foreground stream's, at least as large as {@code images}
     * @return the background with the pasted box (a new array; the given images themselves when nothing is
     *     pasted) and (background labels, foreground labels, lambda')
     */
    @Override
    public MixedBatch mix(NDArray images, NDArray labels, List<LabelledImages> extra, MixingContext context) {
        if (extra.size() != 1) {
            throw new IllegalArgumentException("CMO takes one foreground batch, got " + extra.size());
        }
        if (!active(context.epoch(), context.epochs())) {
            return new MixedBatch(images, Targets.of(labels));
        }
        SplittableRandom random = context.random();
        if (!(random.nextDouble() < probability)) {
            return new MixedBatch(images, Targets.of(labels));
        }
        long size = images.getShape().get(0);
        LabelledImages foreground = extra.get(0);
        long available = foreground.images().getShape().get(0);
        if (available < size) {
            throw new IllegalArgumentException("foreground batch of " + available + " for a background of " + size);
        }
        double lambda = BetaDistribution.sample(random, beta, beta);
        CutBox box = CutBox.draw(lambda, CutMix.height(images), CutMix.width(images), random);
        NDIndex first = new NDIndex("0:{}", size);
        try (NDArray patches = foreground.images().get(first)) {
            return new MixedBatch(box.paste(images, patches),
                    new Targets(labels, foreground.labels().get(first), box.keptFraction()));
        }
    }

    @Override
    public String describe() {
        return "CMO (p " + probability + ", beta " + beta + ", epochs " + start + " < e < E - " + end
                + ", foreground weights n^-" + weightedAlpha + ")";
    }
}
