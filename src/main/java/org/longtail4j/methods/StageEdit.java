package org.longtail4j.methods;

import org.longtail4j.models.ImageClassifier;

/**
 * A change to the model at a stage's start, before the previous stage's weights are loaded into it
 * (freeze the backbone, re-initialise the head, ...). Registered by name in {@link StageEdits}.
 */
public interface StageEdit {

    void apply(ImageClassifier model);

    /**
     * How a frozen backbone runs in this stage, if this edit freezes it: in training mode (BatchNorm
     * re-estimates its statistics: "shift BN") or in inference mode. Null when the edit does not freeze it.
     */
    default Boolean frozenBackboneInTrainingMode() {
        return null;
    }

    String describe();
}
