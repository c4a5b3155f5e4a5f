package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import org.longtail4j.models.ModelOutput;

/**
 * How evaluation turns a model's output into class scores: the combined logits as they are, or adjusted
 * after training (post-hoc logit adjustment). Registered by name in {@link Predictions}.
 */
public interface Prediction {

    /** Scores [B, C] whose softmax evaluation reads. */
    NDArray scores(ModelOutput output);

    String describe();
}
