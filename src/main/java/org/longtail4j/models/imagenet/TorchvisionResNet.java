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
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.models.ChannelsLast;
import org.longtail4j.models.Layers;

/**
 * The ImageNet ResNets in torchvision's layout (large-scale.md 3.1): a 7x7/2 stem with BatchNorm,
 * ReLU and a 3x3/2 max-pool, then layer1..layer4 of Bottleneck or BasicBlocks, the first block of
 * layer2..4 with stride 2 on its 3x3 convolution.
 *
 * <p>As a backbone it stops before pooling and returns layer4's map ([B, C, H/32, W/32] after the
 * final ReLU), where H2T fuses; the head pools and classifies. {@link #torchvisionKeys()} names every
 * parameter as torchvision's state_dict does ({@code layer3.5.bn2.running_var}), so that pretrained
 * weights load by name whatever DJL calls the parameters.
 *
 * <p>With {@code channelsLast} (the default, {@code model.channels_last}) the input is laid out
 * channels-last and every map after it stays so: the 1x1 convolutions then run as one matrix product
 * without copies ({@link TorchvisionLayers#apply}) and oneDNN's 3x3 convolutions skip their layout
 * reorders (docs/performance.md section 9).
 */
public final class TorchvisionResNet extends AbstractBlock implements TorchvisionNamed {

    private final ResNetLayout layout;
    private final boolean channelsLast;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final Map<String, Parameter> keys = new LinkedHashMap<>();
    /** Listed once: the frozen check runs at every forward (see CifarResNet). */
    private final List<Parameter> parameters;

    /**
     * @param layout blocks, groups and widths
     * @param channelsLast lay activations out channels-last ({@link ChannelsLast})
     */
    public TorchvisionResNet(ResNetLayout layout, boolean channelsLast) {
        this.layout = layout;
        this.channelsLast = channelsLast;
        ConvInit init = ConvInit.KAIMING_FAN_OUT;
        conv1 = addChildBlock("conv1", TorchvisionLayers.conv(3, layout.stemChannels(), 7, 2, 1, init));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        TorchvisionLayers.convKeys("conv1.", conv1, keys);
        TorchvisionLayers.batchNormKeys("bn1.", bn1, keys);
        int in = layout.stemChannels();
        for (int stage = 0; stage < layout.blocks().size(); stage++) {
            int planes = layout.planes().get(stage);
            for (int i = 0; i < layout.blocks().get(stage); i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                ResidualBlock block = layout.bottleneck()
                        ? new Bottleneck(in, planes, stride, layout.groups(), layout.widthPerGroup(), init)
                        : new TorchvisionBasicBlock(in, planes, stride, init);
                String name = "layer" + (stage + 1) + "." + i;
                blocks.add(addChildBlock(name.replace('.', '_'), block));
                block.addKeys(name + ".", keys);
                in = planes * layout.expansion();
            }
        }
        parameters = List.copyOf(getParameters().values());
    }

    /** The network's shape. */
    public ResNetLayout layout() {
        return layout;
    }

    /** Every parameter under its torchvision state_dict key, in torchvision's order. */
    @Override
    public Map<String, Parameter> torchvisionKeys() {
        return Collections.unmodifiableMap(keys);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!input.hasGradient() && isFrozen()) {
            return new NDList(forwardFrozen(ps, input, training));
        }
        NDList x = bn1.forward(ps, conv1.forward(ps, new NDList(laidOut(input)), training), training);
        x = new NDList(maxPool(Activation.relu(x.singletonOrThrow())));
        for (ResidualBlock block : blocks) {
            x = block.forward(ps, x, training);
        }
        return x;
    }

    /**
     * The forward when nothing will be differentiated (frozen backbone, input without gradient):
     * the same arithmetic and BatchNorm updates, each map released as soon as it is read.
     */
    NDArray forwardFrozen(ParameterStore ps, NDArray input, boolean training) {
        NDArray laidOut = laidOut(input);
        NDArray x = Layers.apply(conv1, ps, laidOut, training);
        if (laidOut != input) {
            laidOut.close();
        }
        x = Layers.release(x, Layers.apply(bn1, ps, x, training));
        x = Layers.release(x, Activation.relu(x));
        x = Layers.release(x, maxPool(x));
        for (ResidualBlock block : blocks) {
            x = Layers.release(x, block.forwardFrozen(ps, x, training));
        }
        return x;
    }

    /** True when no parameter of the network requires a gradient. */
    boolean isFrozen() {
        return Layers.noneTrainable(parameters);
    }

    private NDArray laidOut(NDArray input) {
        return channelsLast ? ChannelsLast.of(input) : input;
    }

    private static NDArray maxPool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = TorchvisionLayers.strided(TorchvisionLayers.strided(in.get(2), 2), 2);
        long w = TorchvisionLayers.strided(TorchvisionLayers.strided(in.get(3), 2), 2);
        Shape[] shapes = {new Shape(in.get(0), layout.stemChannels(), h, w)};
        for (ResidualBlock block : blocks) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] shapes = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, shapes);
        Shape stem = shapes[0];
        shapes = new Shape[] {new Shape(stem.get(0), stem.get(1), TorchvisionLayers.strided(stem.get(2), 2),
                TorchvisionLayers.strided(stem.get(3), 2))};
        for (ResidualBlock block : blocks) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
    }
}
