package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.models.ModelOutput;

/**
 * A training loss: a differentiable scalar from the model's output (every branch and the combined
 * logits), the targets of the batch and the class statistics. Losses that look at one set of logits
 * implement {@link LogitLoss}; losses over branches (RIDE, ResLT, BBN) implement this directly.
 * Registered by name in {@link LossRegistry}.
 */
public interface Loss {

    NDArray loss(ModelOutput output, Targets targets, LossContext context);
}
