package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RIDE's expert assignment module (Wang et al. 2021; methods-multibranch.md 2.4): after expert i of K
 * (i = 1..K-1, not after the last), router i says whether a sample should go on to expert i + 1. Its input
 * is [t, a]: t the {@code kTop} largest values, sorted descending, of the running mean logits
 * (z_1 + ... + z_i) / i, and a = ReLU(hidden_i(normalize(GAP(M_i)))) with expert i's map M_i and a hidden
 * Linear(channels -> 16) of its own; one Linear(kTop + 16 -> 1) is shared by all routers. The output is one
 * logit per sample and router: sigmoid > 0.5 means "go on".
 *
 * <p>Takes the K expert maps followed by the K expert logits, returns the K - 1 router logits [B].
 * Initialised as torch.nn.Linear's default (weight and bias uniform in +-1/sqrt(fan_in)), drawn from a
 * stream of the run's, so that a run draws the same router whatever the engine drew before.
 */
public final class ExpertRouter extends AbstractBlock {

    /** The width of each router's hidden layer, RIDE's. */
    public static final int HIDDEN = 16;

    private final int experts;
    private final int kTop;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear decide;

    /**
     * @param experts K, the experts of the model (at least 2)
     * @param kTop how many of the running mean's largest logits a router reads (at most the class count)
     */
    public ExpertRouter(int experts, int kTop) {
        if (experts < 2 || kTop < 1) {
            throw new IllegalArgumentException("a router needs at least 2 experts and k_top >= 1, got " + experts
                    + " and " + kTop);
        }
        this.experts = experts;
        this.kTop = kTop;
        for (int i = 1; i < experts; i++) {
            hidden.add(addChildBlock("hidden" + i, Linear.builder().setUnits(HIDDEN).build()));
        }
        decide = addChildBlock("decide", Linear.builder().setUnits(1).build());
    }

    public int kTop() {
        return kTop;
    }

    /** The router logits [B] of routers 1..K-1 for the expert maps and logits of one batch. */
    public List<NDArray> route(ParameterStore ps, List<NDArray> maps, List<NDArray> logits, boolean training) {
        NDList inputs = new NDList(maps.toArray(new NDArray[0]));
        inputs.addAll(new NDList(logits.toArray(new NDArray[0])));
        return forward(ps, inputs, training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2 * experts) {
            throw new IllegalArgumentException("a router of " + experts + " experts takes their maps and logits, got "
                    + inputs.size() + " arrays");
        }
        NDList out = new NDList(experts - 1);
        NDArray sum = null;
        for (int i = 0; i < experts - 1; i++) {
            NDArray z = inputs.get(experts + i);
            sum = sum == null ? z : sum.add(z);
            NDArray mean = sum.div(i + 1);
            // the k largest, descending: sort the negated values ascending
            NDArray top = mean.neg().sort(1).get(new NDIndex(":, :" + kTop)).neg();
            NDArray pooled = GlobalPooling.average(inputs.get(i));
            NDArray unit = pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
            NDArray a = Activation.relu(hidden.get(i).forward(ps, new NDList(unit), training).singletonOrThrow());
            NDArray logit = decide.forward(ps, new NDList(NDArrays.concat(new NDList(top, a), 1)), training)
                    .singletonOrThrow();
            out.add(logit.reshape(-1));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[experts - 1];
        java.util.Arrays.fill(out, new Shape(inputShapes[0].get(0)));
        return out;
    }

    /**
     * @param inputShapes the shape of one expert map [B, channels, H, W]
     */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long channels = inputShapes[0].get(1);
        for (Linear h : hidden) {
            h.initialize(manager, dataType, new Shape(1, channels));
        }
        decide.initialize(manager, dataType, new Shape(1, kTop + HIDDEN));
    }

    /** Draws every weight and bias uniform in +-1/sqrt(fan_in) from {@code random} (torch.nn.Linear's default). */
    public void draw(SplittableRandom random) {
        List<Linear> layers = new ArrayList<>(hidden);
        layers.add(decide);
        for (Linear layer : layers) {
            long fanIn = layer.getParameters().get("weight").getArray().getShape().get(1);
            double bound = 1 / Math.sqrt(fanIn);
            for (Pair<String, Parameter> p : layer.getParameters()) {
                NDArray array = p.getValue().getArray();
                float[] values = new float[Math.toIntExact(array.size())];
                for (int v = 0; v < values.length; v++) {
                    values[v] = (float) ((2 * random.nextDouble() - 1) * bound);
                }
                array.set(values);
            }
        }
    }
}
