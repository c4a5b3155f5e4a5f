package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.longtail4j.models.ImageClassifier;

/**
 * What a method sees of one training iteration.
 *
 * @param images one [B, C, H, W] array per batch stream (see {@link TrainingMethod#epochOrders})
 * @param labels one [B] int array per batch stream
 * @param random draws for this iteration only (mixup's lambda, H2T's channels), derived from the
 *     seed, epoch and iteration so a resumed run draws the same
 * @param manager owns everything made during the step; closed after the optimiser update
 */
public record Step(
        ImageClassifier model,
        ParameterStore parameters,
        List<NDArray> images,
        List<NDArray> labels,
        int epoch,
        int iteration,
        SplittableRandom random,
        NDManager manager) {}
