package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * Global average pooling then a linear layer: the classifier of every reference code base.
 *
 * <p>Initialisation as the H2T/LDAM code: Kaiming-normal weight (DJL's default for weights), bias
 * uniform in +-1/sqrt(fan_in) as torch.nn.Linear does by default (DJL would start it at zero).
 */
public final class LinearHead extends AbstractBlock implements ClassifierHead {

    private final int classes;
    private final Linear fc;

    public LinearHead(int classes) {
        this.classes = classes;
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = GlobalPooling.average(inputs.singletonOrThrow());
        return fc.forward(ps, new NDList(pooled), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long features = inputShapes[0].get(1);
        fc.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(features))), Parameter.Type.BIAS);
        fc.initialize(manager, dataType, new Shape(inputShapes[0].get(0), features));
    }

    @Override
    public void reinitialize() {
        HeadInit.redraw(this);
    }
}
