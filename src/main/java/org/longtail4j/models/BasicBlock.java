package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The basic residual block of the CIFAR ResNets (He et al. 2016, section 4.2): two 3x3 convolutions
 * with BatchNorm, and the parameter-free "option A" shortcut that the long-tailed literature
 * (LDAM-DRW, MisLAS, H2T, ResLT) uses: subsample by striding and zero-pad the new channels.
 */
final class BasicBlock extends AbstractBlock {

    private final int inChannels;
    private final int outChannels;
    private final int stride;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;

    BasicBlock(int inChannels, int outChannels, int stride) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.stride = stride;
        conv1 = addChildBlock("conv1", Layers.conv3x3(outChannels, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv3x3(outChannels, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList out = conv1.forward(ps, inputs, training);
        out = bn1.forward(ps, out, training);
        out = new NDList(Activation.relu(out.singletonOrThrow()));
        out = conv2.forward(ps, out, training);
        out = bn2.forward(ps, out, training);
        return new NDList(Activation.relu(out.singletonOrThrow().add(shortcut(x))));
    }

    /**
     * The block within {@link CifarResNet}'s frozen forward: the same arithmetic, every intermediate
     * map released once read, the shortcut added in place. {@code x} stays the caller's.
     */
    NDArray forwardFrozen(ParameterStore ps, NDArray x, boolean training, FrozenConvolutions convolutions) {
        NDArray out = convolutions.apply(conv1, ps, x, training);
        out = Layers.release(out, Layers.apply(bn1, ps, out, training));
        out = Layers.release(out, Activation.relu(out));
        out = Layers.release(out, convolutions.apply(conv2, ps, out, training));
        out = Layers.release(out, Layers.apply(bn2, ps, out, training));
        NDArray shortcut = shortcut(x);
        out.addi(shortcut);
        if (shortcut != x) {
            shortcut.close();
        }
        return Layers.release(out, Activation.relu(out));
    }

    /** Option A: x[:, :, ::s, ::s] with (out - in) zero channels split evenly before and after. */
    private NDArray shortcut(NDArray x) {
        if (stride == 1 && inChannels == outChannels) {
            return x;
        }
        NDArray sub = stride == 1 ? x : x.get(":, :, ::" + stride + ", ::" + stride);
        int pad = outChannels - inChannels;
        if (pad == 0) {
            return sub;
        }
        int before = pad / 2;
        // One constant-pad of the channel axis (pairs run from the last axis): unlike concatenating
        // fresh zero arrays, it keeps the input's memory layout (channels-last stays channels-last).
        return sub.pad(new Shape(0, 0, 0, 0, before, pad - before), 0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + stride - 1) / stride;
        long w = (in.get(3) + stride - 1) / stride;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        conv1.initialize(manager, dataType, shape);
        shape = conv1.getOutputShapes(new Shape[] {shape})[0];
        bn1.initialize(manager, dataType, shape);
        conv2.initialize(manager, dataType, shape);
        bn2.initialize(manager, dataType, shape);
    }
}
