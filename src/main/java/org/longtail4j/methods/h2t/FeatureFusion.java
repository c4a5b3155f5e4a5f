package org.longtail4j.methods.h2t;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.longtail4j.util.Shuffle;

/**
 * Head-to-tail feature fusion (H2T, Li et al., AAAI 2024): grafts part of the feature-map channels of
 * instance-sampled (mostly head-class) images onto the maps of class-balanced (tail-rich) images.
 *
 * <p>Per call, a uniformly random subset S of exactly k = floor(p * C) channel indices is drawn, the
 * same for every sample of the batch, and fused[b, c] = instance[b, c] for c in S, balanced[b, c]
 * otherwise, pairing the two batches by position. Hard replacement, no interpolation. The classifier
 * is then trained on the fused maps with the balanced images' labels only. Nothing happens at test
 * time. k is computed as the authors' code does ({@code int(p * C)}, the truncated double product).
 *
 * <p>It needs only maps of shape [B, C, H, W], so any backbone that exposes its pre-pooling map can
 * use it; multi-branch models pass one map per branch and each draws its own subset.
 */
public final class FeatureFusion {

    private final double ratio;

    /** @param ratio the fusion ratio p in [0, 1]; 0 leaves maps unchanged */
    public FeatureFusion(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("fusion ratio must be in [0, 1], got " + ratio);
        }
        this.ratio = ratio;
    }

    public double ratio() {
        return ratio;
    }

    /** k = floor(p * C): how many of {@code channels} channels are replaced. */
    public int channelsReplaced(int channels) {
        return (int) (ratio * channels);
    }

    /** Exactly {@link #channelsReplaced} distinct channel indices, uniformly at random, ascending. */
    public int[] drawChannels(int channels, SplittableRandom random) {
        int k = channelsReplaced(channels);
        int[] all = Shuffle.identity(channels);
        Shuffle.partial(all, k, random);
        int[] chosen = Arrays.copyOf(all, k);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Replaces the given channels of {@code balanced} by those of {@code instance}; a new array. */
    public NDArray fuse(NDArray balanced, NDArray instance, int[] channels) {
        Shape shape = balanced.getShape();
        if (!shape.equals(instance.getShape())) {
            throw new IllegalArgumentException("H2T pairs maps of equal shape, got " + shape + " and " + instance.getShape());
        }
        if (channels.length == 0) {
            return balanced;
        }
        boolean[] mask = new boolean[(int) shape.get(1)];
        for (int c : channels) {
            mask[c] = true;
        }
        // DJL's where does not broadcast: expand the channel mask to the maps' full shape.
        try (NDArray channelMask = balanced.getManager().create(mask, new Shape(1, mask.length, 1, 1));
                NDArray selector = channelMask.broadcast(shape)) {
            return NDArrays.where(selector, instance, balanced);
        }
    }

    /** Draws a subset and fuses one pair of maps. */
    public NDArray fuse(NDArray balanced, NDArray instance, SplittableRandom random) {
        return fuse(balanced, instance, drawChannels((int) balanced.getShape().get(1), random));
    }

    /** Fuses map i of {@code balanced} with map i of {@code instance}, each pair with its own subset. */
    public NDList fuseAll(NDList balanced, NDList instance, SplittableRandom random) {
        if (balanced.size() != instance.size()) {
            throw new IllegalArgumentException("H2T pairs one map per branch, got " + balanced.size()
                    + " and " + instance.size());
        }
        NDList fused = new NDList(balanced.size());
        for (int i = 0; i < balanced.size(); i++) {
            fused.add(fuse(balanced.get(i), instance.get(i), random));
        }
        return fused;
    }
}
