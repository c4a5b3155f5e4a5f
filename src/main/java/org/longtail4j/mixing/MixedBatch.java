package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.longtail4j.losses.Targets;

/**
 * What the model is fed and what the loss is computed against.
 *
 * @param inputs one batch that every branch of the model reads, or one batch per branch (BBN's
 *     conventional and reversed batches, {@link Bilateral})
 * @param targets the labels and their weight
 */
public record MixedBatch(List<NDArray> inputs, Targets targets) {

    public MixedBatch {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
    }

    /** One batch that every branch reads. */
    public MixedBatch(NDArray images, Targets targets) {
        this(List.of(images), targets);
    }

    /** The one input of a batch that every branch reads. */
    public NDArray images() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("this batch has one input per branch (" + inputs.size() + ")");
        }
        return inputs.get(0);
    }
}
