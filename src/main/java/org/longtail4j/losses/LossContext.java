package org.longtail4j.losses;

import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;

/**
 * What a loss may use beyond logits and targets, at one training step.
 *
 * @param classes class counts and priors of the training set
 * @param epoch the 0-based epoch of the step (DRW's switch, per-epoch schedules)
 * @param epochs the stage's number of epochs
 * @param random draws of this step only (GCL's noise), keyed by stage, epoch and iteration
 */
public record LossContext(ClassStatistics classes, int epoch, int epochs, SplittableRandom random) {}
