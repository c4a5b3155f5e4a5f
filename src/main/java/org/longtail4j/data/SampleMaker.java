package org.longtail4j.data;

import java.util.SplittableRandom;

/**
 * Turns one image of a {@link LabelledImages} set into the normalised floats of one sample, C x H x W,
 * channel-major: for the small in-memory sets {@link Augmentation}, for image files a decoder plus the
 * torchvision transforms ({@link org.longtail4j.data.images.FileSampleMaker}).
 *
 * <p>Implementations are called from several worker threads at once and must be thread-safe.
 */
public interface SampleMaker {

    /** Channels of every sample this maker writes. */
    int channels();

    /** Height of every sample. */
    int height();

    /** Width of every sample. */
    int width();

    /**
     * Where the random draws come from. false: one generator per batch, consumed sample after sample in
     * batch order (the in-memory augmentation, kept so its batches stay bit-identical to earlier
     * versions); true: one generator per sample, keyed by its position in the batch, so samples of one
     * batch can be made in any order.
     */
    default boolean drawsPerSample() {
        return false;
    }

    /**
     * Writes sample {@code index} into {@code out} at {@code offset} (C * H * W floats).
     *
     * @param random the draws for the random transforms; null for the test-time path
     * @return false when the image could not be read and the policy is to skip it (nothing written)
     */
    boolean write(int index, SplittableRandom random, float[] out, int offset);
}
