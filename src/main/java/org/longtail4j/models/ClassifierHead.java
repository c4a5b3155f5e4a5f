package org.longtail4j.models;

import ai.djl.nn.Block;

/**
 * The part of a classifier after the backbone: takes the pre-pooling feature map [B, C, H, W] and
 * returns logits [B, classes]. Decoupled methods retrain only this part; feature transforms such as
 * H2T act on its input.
 */
public interface ClassifierHead extends Block {

    /** Draws fresh initial values for every parameter (cRT re-initialises the classifier). */
    void reinitialize();
}
