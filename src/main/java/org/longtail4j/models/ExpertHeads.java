package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One head per expert map of a multi-expert backbone (RIDE): head k classifies map k, and the model's
 * combined logits are the plain mean of the experts' (RIDE's test-time combination without the router;
 * with it, the {@code routed} prediction averages the experts each sample used).
 * Returns the K expert logits followed by their mean.
 */
public final class ExpertHeads extends AbstractBlock implements ClassifierHead {

    private final List<ClassifierHead> heads = new ArrayList<>();

    /** @param heads one head per expert, in the backbone's map order (each returns one logits array) */
    public ExpertHeads(List<ClassifierHead> heads) {
        for (int k = 0; k < heads.size(); k++) {
            this.heads.add(addChildBlock("expert" + (k + 1), heads.get(k)));
        }
    }

    /** K, the number of experts. */
    public int experts() {
        return heads.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != heads.size()) {
            throw new IllegalArgumentException(heads.size() + " expert heads got " + inputs.size() + " maps");
        }
        NDList out = new NDList(heads.size() + 1);
        NDArray sum = null;
        for (int k = 0; k < heads.size(); k++) {
            NDArray logits = heads.get(k).forward(ps, new NDList(inputs.get(k)), training).singletonOrThrow();
            out.add(logits);
            sum = sum == null ? logits : sum.add(logits);
        }
        out.add(heads.size() == 1 ? sum : sum.div(heads.size()));
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = heads.get(0).getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape[] out = new Shape[heads.size() + 1];
        java.util.Arrays.fill(out, logits);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int k = 0; k < heads.size(); k++) {
            heads.get(k).initialize(manager, dataType, inputShapes[k]);
        }
    }

    @Override
    public void reinitialize() {
        for (ClassifierHead head : heads) {
            head.reinitialize();
        }
    }
}
