package org.longtail4j.mixing;

import ai.djl.ndarray.NDArray;

/** One batch of a stream: images [B, C, H, W] and labels [B]. */
public record LabelledImages(NDArray images, NDArray labels) {}
