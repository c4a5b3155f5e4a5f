package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/** Loss functions shared by several methods. */
public final class Losses {

    private Losses() {}

    /** Mean cross-entropy of {@code logits} [B, C] against integer {@code labels} [B] (from log-softmax). */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDIndex pick = new NDIndex().addAllDim().addPickDim(labels.toType(DataType.INT64, false));
        return logProbabilities.get(pick).mean().neg();
    }
}
