package org.longtail4j.methods;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/** Selections of parameters for the optimiser, by their stable names. */
final class Trainable {

    private Trainable() {}

    /** Every parameter of {@code block} that takes gradients (BatchNorm running statistics never do). */
    static PairList<String, Parameter> of(Block block) {
        PairList<String, Parameter> result = new PairList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                result.add(pair);
            }
        }
        return result;
    }
}
