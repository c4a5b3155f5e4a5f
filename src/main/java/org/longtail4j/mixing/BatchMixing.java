package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Batch mixing between the batch streams and the model (mixup, CutMix, CMO's minority-weighted CutMix):
 * produces the images the model sees and the {@link org.longtail4j.losses.Targets} every loss accepts.
 * Registered by name in {@link MixingRegistry}.
 */
public interface BatchMixing {

    /**
     * Extra batch streams this mixing draws from every iteration, besides the stage's primary batch,
     * as sampler specs (a sampler name or a mapping with {@code type}, as in the config). CMO asks for
     * one minority-weighted stream; mixup and CutMix need none.
     */
    default List<Object> extraStreams() {
        return List.of();
    }

    /**
     * How many branch inputs {@link #mix} returns: 1 (the default) for one batch every branch reads, more
     * for one batch per branch (BBN's bilateral batches: 2), which only a backbone with that many branch
     * inputs accepts.
     */
    default int branchInputs() {
        return 1;
    }

    /**
     * Mixes one batch.
     *
     * @param images the primary batch [B, C, H, W]
     * @param labels its labels [B]
     * @param extra one batch per {@link #extraStreams()} entry, in that order (images and labels)
     */
    MixedBatch mix(NDArray images, NDArray labels, List<LabelledImages> extra, MixingContext context);

    /** A one-line description for logs and results ("mixup (alpha 1.0)"). */
    String describe();
}
