package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a classifier returns: one logits array [B, C] per branch or expert, and the combined logits the
 * prediction starts from. A single-head model is the one-branch case (both are the same array), so
 * multi-branch models (RIDE's experts, ResLT's branches, BBN's two branches) need no special path, and
 * no reader assumes a single tensor.
 *
 * @param branches per-branch logits, in the model's branch order (at least one)
 * @param combined the model's combination of the branches (mean of experts, sum of branches, ...)
 */
public record ModelOutput(List<NDArray> branches, NDArray combined) {

    public ModelOutput {
        branches = List.copyOf(branches);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a model output needs at least one branch");
        }
    }

    /** The output of a single-head model. */
    public static ModelOutput single(NDArray logits) {
        return new ModelOutput(List.of(logits), logits);
    }
}
