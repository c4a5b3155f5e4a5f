package org.longtail4j.data.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.parts.PartContext;

/**
 * What a sampler is built from besides its settings: the stage's part context (config key, class
 * statistics, random streams), the labels it walks, the purpose that keys its draws, and the batch size.
 *
 * <p>A sampler's draws come only from {@link #stream}, i.e. from the stage's {@link
 * org.longtail4j.parts.RandomStreams} under this stream's purpose: two samplers of one stage (H2T's
 * balanced and instance branches, CMO's background and foreground) differ by purpose and never share
 * draws, and the same sampler in another stage differs by stage.
 *
 * @param part the part context of the stage (its {@code classes} must be those of {@code labels})
 * @param labels the label of each training position 0..N-1
 * @param purpose what the stream is for within the stage ("primary", "fusing", "foreground", ...)
 * @param batchSize B, for samplers whose epoch is a number of batches (class-aware, instance without the
 *     short last batch)
 */
public record SamplerContext(PartContext part, int[] labels, String purpose, int batchSize) {

    public SamplerContext {
        labels = labels.clone();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " (expected >= 1)");
        }
        int[] counts = new int[part.classes().numClasses()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= counts.length) {
                throw new IllegalArgumentException("label " + labels[i] + " at position " + i + ", expected 0.."
                        + (counts.length - 1));
            }
            counts[labels[i]]++;
        }
        if (!Arrays.equals(counts, part.classes().counts())) {
            throw new IllegalArgumentException("the labels' class counts " + Arrays.toString(counts)
                    + " differ from the class statistics " + Arrays.toString(part.classes().counts()));
        }
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** N, the number of training positions. */
    public int size() {
        return labels.length;
    }

    public ClassStatistics classes() {
        return part.classes();
    }

    /** The config key of the sampler, for messages. */
    public String key() {
        return part.key();
    }

    /** The generator of this stream at {@code position} (an epoch, or an epoch-free counter of the sampler). */
    public SplittableRandom stream(long... position) {
        return part.random().stream(purpose, position);
    }
}
