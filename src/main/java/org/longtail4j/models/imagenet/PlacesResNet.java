package org.longtail4j.models.imagenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.models.Layers;

/**
 * The Places-LT backbone of MiSLAS, which H2T reuses (large-scale.md 3.4): a torchvision ResNet-152
 * trunk whose layer4 keeps only its first two blocks, always frozen and always in inference mode
 * (its BatchNorm uses the pretrained running statistics), then one new Bottleneck(2048 -> 512 -> 2048)
 * with an identity shortcut, drawn with PyTorch's default layer initialisation, trained in stage 1.
 * The output is the extra block's map [B, 2048, H/32, W/32], where H2T fuses.
 *
 * <p>Pretrained ResNet-152 files carry layer4.2.* (the block this model drops) and fc.*: the weight
 * loader ignores the names in {@link #droppedPrefixes()}. The extra block's keys are "block.*".
 */
public final class PlacesResNet extends AbstractBlock implements TorchvisionNamed {

    /** The trunk: ResNet-152 with layers [3, 8, 36, 2]. */
    public static ResNetLayout trunkLayout() {
        ResNetLayout full = ResNetLayout.resnet152();
        return new ResNetLayout(true, List.of(3, 8, 36, 2), full.groups(), full.widthPerGroup(), full.stemChannels(),
                full.planes());
    }

    private final TorchvisionResNet trunk;
    private final Bottleneck block;
    private final List<Parameter> blockParameters;
    private final Map<String, Parameter> keys = new LinkedHashMap<>();

    /**
     * The model of large-scale.md 3.4.
     *
     * @param channelsLast lay activations out channels-last (see {@link TorchvisionResNet})
     */
    public PlacesResNet(boolean channelsLast) {
        this(trunkLayout(), channelsLast);
    }

    /** With another trunk layout: tests use miniature widths. */
    public PlacesResNet(ResNetLayout trunkLayout, boolean channelsLast) {
        trunk = addChildBlock("trunk", new TorchvisionResNet(trunkLayout, channelsLast));
        trunk.freezeParameters(true);
        int channels = trunkLayout.featureChannels();
        block = addChildBlock("block",
                new Bottleneck(channels, channels / Bottleneck.EXPANSION, 1, 1, 64, ConvInit.PYTORCH_DEFAULT));
        blockParameters = List.copyOf(block.getParameters().values());
        keys.putAll(trunk.torchvisionKeys());
        block.addKeys("block.", keys);
    }

    /** The frozen pretrained trunk. */
    public TorchvisionResNet trunk() {
        return trunk;
    }

    /** Every parameter under its state_dict key: torchvision's for the trunk, "block.*" for the extra block. */
    @Override
    public Map<String, Parameter> torchvisionKeys() {
        return Collections.unmodifiableMap(keys);
    }

    /** The block of a pretrained ResNet-152 file that this model leaves out on purpose. */
    @Override
    public List<String> droppedPrefixes() {
        return List.of("layer4.2.");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!trunk.isFrozen()) {
            throw new IllegalStateException("the Places-LT trunk must stay frozen (large-scale.md 3.4)");
        }
        NDArray input = inputs.singletonOrThrow();
        // Inference mode whatever the stage: the trunk's BatchNorm keeps the pretrained statistics.
        NDArray features = trunk.forwardFrozen(ps, input, false);
        if (!input.hasGradient() && Layers.noneTrainable(blockParameters)) {
            try (features) {
                return new NDList(block.forwardFrozen(ps, features, training));
            }
        }
        return block.forward(ps, new NDList(features), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return block.getOutputShapes(trunk.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        block.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
    }
}
