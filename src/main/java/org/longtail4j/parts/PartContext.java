package org.longtail4j.parts;

import org.longtail4j.data.ClassStatistics;

/**
 * What a part is built from, beyond its own settings.
 *
 * @param key the config key of the part, for messages ("stages.stage1.loss")
 * @param classes class counts, priors and groups of the long-tailed training set
 * @param random the stage's random streams (keyed by stage and purpose)
 * @param epochs the number of epochs of the stage the part belongs to (0 for a post-hoc stage)
 */
public record PartContext(String key, ClassStatistics classes, RandomStreams random, int epochs) {}
