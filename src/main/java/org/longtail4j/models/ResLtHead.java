package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * ResLT's CIFAR head (Cui et al., TPAMI 2022; methods-multibranch.md 4.1): three BatchNorm branches on
 * the backbone's one map, H (all classes), M (medium and tail) and T (tail), each followed by the same
 * global average pooling and the same linear layer with bias:
 * {@code z_X = fc(GAP(BN_X(map)))}. It returns the three branch logits and their unweighted sum
 * (the bias therefore counts three times), which is what ResLT predicts with at test time.
 *
 * <p>The branches live in the head, not the backbone, so a frozen backbone's stage (ResLT + H2T) trains
 * the branch BatchNorms with the classifier, and a feature transform acts on the map before them.
 * Initialisation as PyTorch's defaults, which the reference keeps here: BN gamma 1, beta 0; linear
 * weight and bias uniform in +-1/sqrt(fan_in).
 */
public final class ResLtHead extends AbstractBlock implements ClassifierHead {

    /** The branch names, in output order. */
    private static final String[] BRANCHES = {"h", "m", "t"};

    private final int classes;
    private final BatchNorm[] norms = new BatchNorm[BRANCHES.length];
    private final Linear fc;

    public ResLtHead(int classes) {
        this.classes = classes;
        for (int i = 0; i < BRANCHES.length; i++) {
            norms[i] = addChildBlock("bn_" + BRANCHES[i], Layers.batchNorm());
        }
        fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray map = inputs.singletonOrThrow();
        NDList out = new NDList(BRANCHES.length + 1);
        NDArray sum = null;
        for (BatchNorm norm : norms) {
            NDArray pooled = GlobalPooling.average(Layers.apply(norm, ps, map, training));
            NDArray logits = Layers.apply(fc, ps, pooled, training);
            out.add(logits);
            sum = sum == null ? logits : sum.add(logits);
        }
        out.add(sum);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = new Shape(inputShapes[0].get(0), classes);
        return new Shape[] {logits, logits, logits, logits};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (BatchNorm norm : norms) {
            norm.initialize(manager, dataType, inputShapes[0]);
        }
        long features = inputShapes[0].get(1);
        UniformInitializer bound = new UniformInitializer((float) (1 / Math.sqrt(features)));
        fc.setInitializer(bound, Parameter.Type.WEIGHT);
        fc.setInitializer(bound, Parameter.Type.BIAS);
        fc.initialize(manager, dataType, new Shape(inputShapes[0].get(0), features));
    }

    @Override
    public void reinitialize() {
        HeadInit.redraw(this);
    }
}
