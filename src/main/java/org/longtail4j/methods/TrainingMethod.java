package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.List;
import org.longtail4j.models.ImageClassifier;

/**
 * How one training stage learns: where its batches come from, which parameters move, and the loss of
 * one iteration. Everything else (optimiser, schedule, batching, evaluation, checkpoints) is the
 * trainer's, the same for every method.
 *
 * <p>Every method of the toolkit is a {@link ComposedStage} of registered parts; a method that cannot be
 * composed from parts may implement this interface directly.
 */
public interface TrainingMethod {

    /**
     * The dataset positions of one epoch, one sequence per batch stream, all of the same length.
     * Most methods have one stream; H2T has two (class-balanced, instance), paired batch by batch.
     */
    List<int[]> epochOrders(int epoch);

    /** Prepares the model before the stage's first epoch (freeze parts, re-initialise a head). */
    default void prepare(ImageClassifier model) {}

    /** The parameters the optimiser updates, by their stable names. */
    PairList<String, Parameter> trainable(ImageClassifier model);

    /**
     * The loss of one iteration, computed while a gradient collector is open. Arrays created here
     * belong to {@code step.manager()}, which is closed after the update.
     */
    NDArray loss(Step step);

    /** How evaluation scores the model trained by this stage (the combined logits unless adjusted). */
    default Prediction prediction() {
        return Predictions.plain();
    }

    /** A short description for logs and reports, e.g. "CE + mixup (alpha 1.0)". */
    String describe();
}
