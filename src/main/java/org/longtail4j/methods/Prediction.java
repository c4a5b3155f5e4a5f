package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.ModelOutput;

/**
 * How evaluation turns a model's output into class scores: the combined logits as they are, adjusted
 * after training (post-hoc logit adjustment), or the experts a router chose. Registered by name in
 * {@link Predictions}.
 */
public interface Prediction {

    /** Scores [B, C] whose softmax evaluation reads. */
    NDArray scores(ModelOutput output);

    /**
     * How many experts each sample's scores used [B], for a prediction that routes samples ({@code routed});
     * null when the scores read every branch.
     */
    default NDArray expertsUsed(ModelOutput output) {
        return null;
    }

    /**
     * Checks, at the stage's start, that {@code model} gives what this prediction reads.
     *
     * @throws org.longtail4j.BadInputException naming what is missing
     */
    default void requireModel(ImageClassifier model) {}

    String describe();
}
