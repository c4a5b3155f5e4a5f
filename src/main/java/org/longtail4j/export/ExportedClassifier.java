package org.longtail4j.export;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.longtail4j.models.ImageClassifier;

/**
 * The network an export carries: the classifier with its output cut to the combined logits, the ones
 * evaluation and {@code predict} score with. A multi-branch model's own forward returns every branch's
 * logits followed by their combination (ResLT's sum, RIDE's mean over experts, BBN's equal-weight
 * combination), which DJL's image-classification translator cannot take (it wants one array) and a user
 * should not have to pick from.
 *
 * <p>Its parameter file is the classifier's own, byte for byte (saving and loading are handed to the
 * classifier), so an export written before this wrapper existed loads the same way.
 */
public final class ExportedClassifier extends AbstractBlock {

    private final ImageClassifier classifier;

    public ExportedClassifier(ImageClassifier classifier) {
        this.classifier = addChildBlock("classifier", classifier);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(classifier.output(ps, inputs.singletonOrThrow(), training).combined());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] outputs = classifier.getOutputShapes(inputShapes);
        return new Shape[] {outputs[outputs.length - 1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        classifier.initialize(manager, dataType, inputShapes);
    }

    /** Initialised when the classifier is: the wrapper holds nothing of its own (no input shapes either). */
    @Override
    public boolean isInitialized() {
        return classifier.isInitialized();
    }

    @Override
    public Shape[] getInputShapes() {
        return classifier.getInputShapes();
    }

    @Override
    public PairList<String, Shape> describeInput() {
        return classifier.describeInput();
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        classifier.saveParameters(os);
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        classifier.loadParameters(manager, is);
    }
}
