package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR ResNet backbone of the long-tailed literature (ResNet-20/32/44/56/110: depth 6n + 2):
 * a 3x3 stem with 16 channels, then three stages of n basic blocks with 16, 32 and 64 channels, the
 * second and third starting with stride 2.
 *
 * <p>It stops before pooling and returns the last stage's feature map ([B, 64, H/4, W/4], after the
 * final ReLU): that is where H2T grafts channels, so the head does the pooling. Works for any input
 * channel count and any small image size (28x28 Fashion-MNIST gives 7x7 maps, 32x32 CIFAR 8x8).
 */
public final class CifarResNet extends AbstractBlock {

    /** Channels of the last stage: the feature map's C. */
    public static final int FEATURE_CHANNELS = 64;

    private final Conv2d stem;
    private final BatchNorm stemBn;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final boolean channelsLast;
    private final FrozenConvolutions frozenConvolutions;
    /**
     * Every parameter of the network, listed once: {@link #isFrozen} runs at every forward, and
     * DJL's getParameters() builds a fresh named list each time (0.1-0.3 ms here).
     */
    private final List<Parameter> parameters;

    /**
     * @param depth 6n + 2 (20, 32, 44, 56, 110)
     */
    public CifarResNet(int depth) {
        this(depth, false);
    }

    /**
     * @param depth 6n + 2 (20, 32, 44, 56, 110)
     * @param channelsLast lay the input out channels-last ({@link ChannelsLast}): same figures, faster
     *     on CPU; the feature map comes out in that layout too
     */
    public CifarResNet(int depth, boolean channelsLast) {
        this.channelsLast = channelsLast;
        this.frozenConvolutions = new FrozenConvolutions(channelsLast);
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n + 2, got " + depth);
        }
        int perStage = (depth - 2) / 6;
        stem = addChildBlock("stem", Layers.conv3x3(16, 1));
        stemBn = addChildBlock("stem_bn", Layers.batchNorm());
        int in = 16;
        int[] widths = {16, 32, FEATURE_CHANNELS};
        for (int stage = 0; stage < widths.length; stage++) {
            for (int i = 0; i < perStage; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                blocks.add(addChildBlock(
                        "stage" + (stage + 1) + "_block" + (i + 1),
                        new BasicBlock(in, widths[stage], stride)));
                in = widths[stage];
            }
        }
        parameters = List.copyOf(getParameters().values());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!input.hasGradient() && isFrozen()) {
            return new NDList(forwardFrozen(ps, input, training));
        }
        NDList x = channelsLast ? new NDList(ChannelsLast.of(input)) : inputs;
        x = stem.forward(ps, x, training);
        x = stemBn.forward(ps, x, training);
        x = new NDList(Activation.relu(x.singletonOrThrow()));
        for (Block block : blocks) {
            x = block.forward(ps, x, training);
        }
        return x;
    }

    /**
     * The same network when nothing in it will be differentiated: every parameter frozen (the
     * backbone in classifier re-training) and an input without gradient. Same arithmetic and
     * BatchNorm updates, less memory traffic: each map is released as soon as the next layer has read
     * it, so the next is written into memory just freed and still in cache (otherwise every map stays
     * held until the step ends and every layer writes to fresh memory), the shortcut is added in
     * place, and channels-last kernels are laid out once ({@link FrozenConvolutions}). The stage-2
     * step (two such forwards) went from ~0.73 to ~0.67 of a training step (docs/performance.md).
     */
    private NDArray forwardFrozen(ParameterStore ps, NDArray input, boolean training) {
        NDArray x = frozenConvolutions.stem(stem, stemBn, ps, input, training);
        for (BasicBlock block : blocks) {
            x = Layers.release(x, block.forwardFrozen(ps, x, training, frozenConvolutions));
        }
        return x;
    }

    /** True when no parameter of the network requires a gradient. */
    private boolean isFrozen() {
        return Layers.noneTrainable(parameters);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = stem.getOutputShapes(inputShapes);
        for (Block block : blocks) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        stem.initialize(manager, dataType, shapes);
        shapes = stem.getOutputShapes(shapes);
        stemBn.initialize(manager, dataType, shapes);
        for (Block block : blocks) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
    }
}
