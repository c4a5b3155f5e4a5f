package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Learnable weight scaling (LWS, Kang et al. 2020; MiSLAS): one scale per class, initialised to 1,
 * multiplying every logits array the head returns. As in the authors' code the bias is scaled too
 * (f_c * (W_c h + b_c)), and the scale stays in the model at evaluation.
 */
public final class LogitScale extends AbstractBlock {

    private final int classes;
    private final Parameter scale;

    public LogitScale(int classes) {
        this.classes = classes;
        scale = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(1f)).optShape(new Shape(classes)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList(inputs.size());
        for (NDArray logits : inputs) {
            out.add(logits.mul(ps.getValue(scale, logits.getDevice(), training)));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    public int classes() {
        return classes;
    }
}
