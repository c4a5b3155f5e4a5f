package org.longtail4j.methods;

import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ImageDataset;

/**
 * What a method is built from.
 *
 * @param stageKey the config section ("stage1", "stage2"), for messages about its keys
 * @param train the long-tailed training set the stage samples from
 * @param seed the run's seed; samplers derive their streams from it
 */
public record MethodContext(String stageKey, StageConfig config, ImageDataset train, long seed) {

    /** Streams of distinct samplers must not coincide. */
    public long seedFor(String purpose) {
        return seed * 31 + purpose.hashCode() + stageKey.hashCode() * 7L;
    }
}
