package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.models.ModelOutput;

/**
 * A loss of one logits array against one label vector (cross-entropy, focal, LDAM, Balanced Softmax,
 * logit-adjusted, label-aware smoothing, GCL). Mixed targets become the lambda-weighted pair of calls
 * ({@link Targets#combine}); the logits are the model's combined logits.
 */
public interface LogitLoss extends Loss {

    /**
     * @param logits [B, C] float32 scores
     * @param labels [B] class indices (any integer or float type)
     * @return a scalar that autograd can differentiate
     */
    NDArray loss(NDArray logits, NDArray labels, LossContext context);

    @Override
    default NDArray loss(ModelOutput output, Targets targets, LossContext context) {
        return targets.combine(labels -> loss(output.combined(), labels, context));
    }
}
