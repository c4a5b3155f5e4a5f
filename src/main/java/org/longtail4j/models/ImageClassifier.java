package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
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
    /** Learnable weight scaling, added by a stage edit (LWS, MiSLAS); null until then. */
    private LogitScale scale;
    /** RIDE's expert router, added by a stage edit (the router stage); null until then. */
    private ExpertRouter router;
    /** The image shape the model was initialised for, [1, channels, height, width]. */
    private Shape input;

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

    /**
     * Adds learnable weight scaling (one scale per class, 1 at the start) after the head, once: a stage
     * edit at the start of LWS / MiSLAS re-training. Its parameter is named "scale_weight"; checkpoints of
     * later stages hold it, so a model rebuilt to load them applies the same edit first.
     */
    public LogitScale addLogitScale() {
        if (scale == null) {
            // The scale lives as long as the model: in the manager of the head's own parameters.
            ai.djl.ndarray.NDManager manager = head.getParameters().valueAt(0).getArray().getManager();
            long classes = head.getOutputShapes(new ai.djl.ndarray.types.Shape[] {
                new ai.djl.ndarray.types.Shape(1, 1, 1, 1)})[0].get(1);
            scale = addChildBlock("scale", new LogitScale((int) classes));
            scale.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, classes));
        }
        return scale;
    }

    /**
     * Adds the weight scaling to a model that is not initialised yet, for its values to come from a parameter
     * file with the rest (an exported LWS or MiSLAS model); {@link #addLogitScale} is the training path.
     */
    public void addUninitialisedLogitScale(int classes) {
        if (scale != null) {
            throw new IllegalStateException("the model already has its logit scale");
        }
        scale = addChildBlock("scale", new LogitScale(classes));
    }

    /** The learnable weight scaling, or null if no stage added it. */
    public LogitScale logitScale() {
        return scale;
    }

    /**
     * Adds RIDE's expert router (one router after each expert but the last), once: a stage edit at the
     * start of the router stage. Its parameters are named "router_..."; checkpoints of later stages hold
     * them, so a model rebuilt to load them applies the same edit first.
     *
     * @param kTop how many of the running mean's largest logits each router reads
     * @param init the draws of the router's initial values
     * @throws org.longtail4j.BadInputException when the model has no experts (RIDE's ride-resnet32), or a
     *     router with another k_top is there already
     */
    public ExpertRouter addRouter(int kTop, java.util.SplittableRandom init) {
        if (!(head instanceof ExpertHeads experts)) {
            throw new org.longtail4j.BadInputException("edit add-router needs a model with several experts "
                    + "(model.arch ride-resnet32 with head cosine or linear)");
        }
        if (router != null) {
            if (router.kTop() != kTop) {
                throw new org.longtail4j.BadInputException("edit add-router: the model has a router with k_top "
                        + router.kTop() + " from an earlier stage, this stage asks for " + kTop);
            }
            return router;
        }
        // The router lives as long as the model: in the manager of the head's own parameters.
        ai.djl.ndarray.NDManager manager = head.getParameters().valueAt(0).getArray().getManager();
        router = addChildBlock("router", new ExpertRouter(experts.experts(), kTop));
        router.initialize(manager, DataType.FLOAT32, backbone.getOutputShapes(new Shape[] {input}));
        router.draw(init);
        return router;
    }

    /** RIDE's expert router, or null if no stage added it. */
    public ExpertRouter router() {
        return router;
    }

    private NDList scaled(ParameterStore ps, NDList logits, boolean training) {
        return scale == null ? logits : scale.forward(ps, logits, training);
    }

    /** The model's output for a batch of images: per-branch logits and the combined logits. */
    public ModelOutput output(ParameterStore ps, NDArray images, boolean training) {
        if (router != null) {
            return headOutput(ps, backbone.forward(ps, new NDList(images), training), training);
        }
        return outputOf(forward(ps, new NDList(images), training));
    }

    /**
     * The model's output for one batch that every branch reads, or for one batch per branch (BBN's
     * conventional and reversed batches), which only a {@link BranchInputs} backbone accepts.
     */
    public ModelOutput output(ParameterStore ps, java.util.List<NDArray> inputs, boolean training) {
        if (inputs.size() == 1) {
            return output(ps, inputs.get(0), training);
        }
        if (!(backbone instanceof BranchInputs b) || b.branchCount() != inputs.size()) {
            throw new IllegalArgumentException("this backbone takes one input, not one per branch ("
                    + inputs.size() + ")");
        }
        return outputOf(forward(ps, new NDList(inputs.toArray(new NDArray[0])), training));
    }

    /** The head's output for feature maps (one per branch), as a {@link ModelOutput}. */
    public ModelOutput headOutput(ParameterStore ps, NDList maps, boolean training) {
        ModelOutput out = outputOf(scaled(ps, head.forward(ps, maps, training), training));
        return router == null ? out : out.withRouting(router.route(ps, maps, out.branches(), training));
    }

    /**
     * A head returns one logits array (a single-head model) or the branches' logits followed by their
     * combination (multi-branch heads).
     */
    private static ModelOutput outputOf(NDList logits) {
        if (logits.size() == 1) {
            return ModelOutput.single(logits.get(0));
        }
        return new ModelOutput(logits.subNDList(0, logits.size() - 1), logits.get(logits.size() - 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return scaled(ps, head.forward(ps, backbone.forward(ps, inputs, training), training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(backbone.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        input = inputShapes[0];
        backbone.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
        if (scale != null) {
            scale.initialize(manager, dataType, head.getOutputShapes(backbone.getOutputShapes(inputShapes)));
        }
    }
}
