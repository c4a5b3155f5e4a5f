package org.longtail4j.models.imagenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.longtail4j.models.Layers;

/**
 * A torchvision residual block: a chain of (convolution, BatchNorm) pairs with ReLU between them, the
 * shortcut added after the last BatchNorm, then ReLU. The shortcut is the identity, or torchvision's
 * {@code downsample} (1x1 convolution with the block's stride, then BatchNorm) when the stride or
 * the channel count changes. Subclasses only choose the pairs and their torchvision names.
 */
abstract class ResidualBlock extends AbstractBlock {

    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> bns = new ArrayList<>();
    private final int outChannels;
    private final int stride;
    private Conv2d downsampleConv;
    private BatchNorm downsampleBn;

    ResidualBlock(int outChannels, int stride) {
        this.outChannels = outChannels;
        this.stride = stride;
    }

    /** Adds the next pair, named conv{n} and bn{n} as torchvision does. */
    final void addPair(Conv2d conv) {
        int n = convs.size() + 1;
        convs.add(addChildBlock("conv" + n, conv));
        bns.add(addChildBlock("bn" + n, Layers.batchNorm()));
    }

    /** Adds torchvision's downsample shortcut when the block changes stride or channels. */
    final void addShortcut(int inChannels, ConvInit init) {
        if (stride != 1 || inChannels != outChannels) {
            downsampleConv = addChildBlock("downsample_conv",
                    TorchvisionLayers.conv(inChannels, outChannels, 1, stride, 1, init));
            downsampleBn = addChildBlock("downsample_bn", Layers.batchNorm());
        }
    }

    /** Records "torchvision key -> parameter" for every parameter, keys starting with {@code prefix}. */
    final void addKeys(String prefix, Map<String, Parameter> keys) {
        for (int i = 0; i < convs.size(); i++) {
            TorchvisionLayers.convKeys(prefix + "conv" + (i + 1) + ".", convs.get(i), keys);
            TorchvisionLayers.batchNormKeys(prefix + "bn" + (i + 1) + ".", bns.get(i), keys);
        }
        if (downsampleConv != null) {
            TorchvisionLayers.convKeys(prefix + "downsample.0.", downsampleConv, keys);
            TorchvisionLayers.batchNormKeys(prefix + "downsample.1.", downsampleBn, keys);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = x;
        for (int i = 0; i < convs.size(); i++) {
            out = Layers.apply(bns.get(i), ps, TorchvisionLayers.apply(convs.get(i), ps, out, training), training);
            if (i < convs.size() - 1) {
                out = Activation.relu(out);
            }
        }
        NDArray shortcut = downsampleConv == null
                ? x
                : Layers.apply(downsampleBn, ps, TorchvisionLayers.apply(downsampleConv, ps, x, training), training);
        return new NDList(Activation.relu(out.add(shortcut)));
    }

    /**
     * The same arithmetic for a forward that nothing will differentiate: every intermediate map is
     * released once read and the shortcut is added in place (as CifarResNet's frozen forward does).
     * {@code x} stays the caller's.
     */
    final NDArray forwardFrozen(ParameterStore ps, NDArray x, boolean training) {
        NDArray out = x;
        for (int i = 0; i < convs.size(); i++) {
            NDArray convolved = TorchvisionLayers.apply(convs.get(i), ps, out, training);
            if (out != x) {
                out.close();
            }
            out = Layers.release(convolved, Layers.apply(bns.get(i), ps, convolved, training));
            if (i < convs.size() - 1) {
                out = Layers.release(out, Activation.relu(out));
            }
        }
        if (downsampleConv == null) {
            out.addi(x);
        } else {
            NDArray projected = TorchvisionLayers.apply(downsampleConv, ps, x, training);
            try (NDArray shortcut = Layers.release(projected, Layers.apply(downsampleBn, ps, projected, training))) {
                out.addi(shortcut);
            }
        }
        return Layers.release(out, Activation.relu(out));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, TorchvisionLayers.strided(in.get(2), stride),
                TorchvisionLayers.strided(in.get(3), stride))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shape);
            shape = convs.get(i).getOutputShapes(shape);
            bns.get(i).initialize(manager, dataType, shape);
        }
        if (downsampleConv != null) {
            downsampleConv.initialize(manager, dataType, inputShapes);
            downsampleBn.initialize(manager, dataType, downsampleConv.getOutputShapes(inputShapes));
        }
    }
}
