package org.longtail4j.mixing;

import java.util.SplittableRandom;
import org.longtail4j.data.ClassStatistics;

/**
 * @param classes class counts of the training set
 * @param epoch 0-based epoch (CMO is active only inside a window of epochs)
 * @param epochs the stage's number of epochs
 * @param random this step's draws for the mixing (lambda, permutation, box), keyed by stage, epoch, iteration
 */
public record MixingContext(ClassStatistics classes, int epoch, int epochs, SplittableRandom random) {}
