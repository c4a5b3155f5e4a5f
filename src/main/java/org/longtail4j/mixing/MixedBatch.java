package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;
import org.longtail4j.losses.Targets;

/** What the model is fed and what the loss is computed against. */
public record MixedBatch(NDArray images, Targets targets) {}
