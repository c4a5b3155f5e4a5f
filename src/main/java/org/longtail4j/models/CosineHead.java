package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Global average pooling then a normalised ("cosine") linear layer without bias:
 * logits = scale * cos(feature, w_c). Used by GCL and RIDE, whose losses assume bounded logits.
 * Weights start from DJL's default draw, or (RIDE's NormedLinear) uniform in [-1, 1] with every class
 * vector then rescaled to unit length.
 */
public final class CosineHead extends AbstractBlock implements ClassifierHead {

    /** torch.nn.functional.normalize's eps; a double, so a float64 head divides by 1e-12 itself, not by 1e-12f. */
    private static final double EPS = 1e-12;

    private final int classes;
    private final float scale;
    private final Parameter weight;

    public CosineHead(int classes, float scale) {
        this(classes, scale, false);
    }

    /** @param unitVectors start every class vector uniform in [-1, 1], rescaled to unit length (RIDE) */
    public CosineHead(int classes, float scale, boolean unitVectors) {
        this.classes = classes;
        this.scale = scale;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        if (unitVectors) {
            weight.setInitializer((manager, shape, dataType) -> {
                try (NDArray drawn = manager.randomUniform(-1f, 1f, shape, dataType)) {
                    return drawn.div(drawn.norm(new int[] {1}, true).maximum(EPS));
                }
            });
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = GlobalPooling.average(inputs.singletonOrThrow());
        NDArray w = ps.getValue(weight, pooled.getDevice(), training);
        NDArray f = pooled.div(pooled.norm(new int[] {1}, true).maximum(EPS));
        NDArray wn = w.div(w.norm(new int[] {1}, true).maximum(EPS));
        return new NDList(f.matMul(wn.transpose()).mul(scale));
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(classes, inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    public void reinitialize() {
        HeadInit.redraw(this);
    }
}
