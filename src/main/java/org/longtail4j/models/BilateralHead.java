package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * BBN's classifier (methods-multibranch.md 6.1, 6.3): one linear layer with bias over the concatenation
 * of the two branches' pooled features, W = [W_c | W_r]. It returns each branch's share,
 * u_c = W_c f_c + b / 2 and u_r = W_r f_r + b / 2, followed by their sum, which is the test-time logits
 * W [f_c, f_r] + b (alpha 0.5 with BBN's factor 2). The cumulative-learning mix of training,
 * W [2 alpha f_c, 2 (1 - alpha) f_r] + b = 2 alpha u_c + 2 (1 - alpha) u_r, is the {@code bbn} loss's,
 * because alpha depends on the epoch, which a head does not know.
 *
 * <p>PyTorch's default nn.Linear initialisation: weight and bias uniform in +-1/sqrt(fan_in), fan_in the
 * concatenated width (128 for two 64-channel maps).
 */
public final class BilateralHead extends AbstractBlock implements ClassifierHead {

    private final int classes;
    private final Parameter weight;
    private final Parameter bias;

    public BilateralHead(int classes) {
        this.classes = classes;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("the BBN head takes two maps (cb, rb), got " + inputs.size());
        }
        NDArray fc = GlobalPooling.average(inputs.get(0));
        NDArray fr = GlobalPooling.average(inputs.get(1));
        long width = fc.getShape().get(1);
        NDArray w = ps.getValue(weight, fc.getDevice(), training);
        NDArray halfBias = ps.getValue(bias, fc.getDevice(), training).div(2);
        NDArray uc = fc.matMul(w.get(new NDIndex(":, 0:{}", width)).transpose()).add(halfBias);
        NDArray ur = fr.matMul(w.get(new NDIndex(":, {}:", width)).transpose()).add(halfBias);
        return new NDList(uc, ur, uc.add(ur));
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long features = inputShapes[0].get(1) + inputShapes[1].get(1);
        UniformInitializer bound = new UniformInitializer((float) (1 / Math.sqrt(features)));
        weight.setInitializer(bound);
        bias.setInitializer(bound);
        weight.setShape(new Shape(classes, features));
        bias.setShape(new Shape(classes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = new Shape(inputShapes[0].get(0), classes);
        return new Shape[] {logits, logits, logits};
    }

    @Override
    public void reinitialize() {
        HeadInit.redraw(this);
    }
}
