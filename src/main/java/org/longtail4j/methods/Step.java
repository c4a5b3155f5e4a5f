package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.parts.RandomStreams;

/**
 * What a method sees of one training iteration.
 *
 * @param images one [B, C, H, W] array per batch stream (see {@link TrainingMethod#epochOrders})
 * @param labels one [B] int array per batch stream
 * @param streams the stage's random streams; {@link #random} keys them by this step's position
 * @param manager owns everything made during the step; closed after the optimiser update
 */
public record Step(
        ImageClassifier model,
        ParameterStore parameters,
        List<NDArray> images,
        List<NDArray> labels,
        int epoch,
        int iteration,
        RandomStreams streams,
        NDManager manager) {

    /** This step's draws for one purpose (mixing, transform, loss): the same on a resumed run. */
    public SplittableRandom random(String purpose) {
        return streams.stream(purpose, epoch, iteration);
    }
}
