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
 * @param routing the logits [B] of RIDE's routers, router i deciding after expert i whether a sample goes on
 *     to expert i + 1 ({@link ExpertRouter}); empty when the model has no router
 */
public record ModelOutput(List<NDArray> branches, NDArray combined, List<NDArray> routing) {

    public ModelOutput {
        branches = List.copyOf(branches);
        routing = List.copyOf(routing);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a model output needs at least one branch");
        }
        if (!routing.isEmpty() && routing.size() != branches.size() - 1) {
            throw new IllegalArgumentException(routing.size() + " routers for " + branches.size() + " experts");
        }
    }

    /** The output of a model without a router. */
    public ModelOutput(List<NDArray> branches, NDArray combined) {
        this(branches, combined, List.of());
    }

    /** The output of a single-head model. */
    public static ModelOutput single(NDArray logits) {
        return new ModelOutput(List.of(logits), logits);
    }

    /** This output with the router logits of {@code routing}. */
    public ModelOutput withRouting(List<NDArray> routing) {
        return new ModelOutput(branches, combined, routing);
    }
}
