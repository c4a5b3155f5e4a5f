package org.longtail4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone that returns its last feature map before pooling, and a head that pools and classifies.
 *
 * <p>Kept as two named children (parameter names start with "backbone" or "head") so that a stage can
 * freeze one, retrain the other, and put a feature transform such as H2T between them.
 */
public final class ImageClassifier extends AbstractBlock {

    private final Block backbone;
    private final ClassifierHead head;

    public ImageClassifier(Block backbone, ClassifierHead head) {
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
    }

    public Block backbone() {
        return backbone;
    }

    public ClassifierHead head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(ps, backbone.forward(ps, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(backbone.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
    }
}
