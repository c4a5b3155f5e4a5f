package org.longtail4j.models.imagenet;

import java.util.List;

/**
 * The shape of a torchvision-layout ResNet: block kind, blocks per stage, grouped-convolution
 * settings and widths (large-scale.md 3.1). Widths are parameters so that tests can build miniature
 * networks with torchvision's structure and key names.
 *
 * @param bottleneck Bottleneck blocks (expansion 4) rather than BasicBlocks (expansion 1)
 * @param blocks blocks in layer1..layer4
 * @param groups groups of the 3x3 convolution of a Bottleneck (32 for ResNeXt-50 32x4d)
 * @param widthPerGroup base width b of a Bottleneck: width = floor(planes * b / 64) * groups
 * @param stemChannels output channels of conv1
 * @param planes planes of layer1..layer4
 */
public record ResNetLayout(boolean bottleneck, List<Integer> blocks, int groups, int widthPerGroup, int stemChannels,
        List<Integer> planes) {

    public ResNetLayout {
        blocks = List.copyOf(blocks);
        planes = List.copyOf(planes);
        if (blocks.size() != planes.size() || blocks.isEmpty()) {
            throw new IllegalArgumentException("one block count per stage: " + blocks + " vs planes " + planes);
        }
        if (!bottleneck && (groups != 1 || widthPerGroup != 64)) {
            throw new IllegalArgumentException("BasicBlock supports only groups 1 and base width 64");
        }
    }

    private static final List<Integer> PLANES = List.of(64, 128, 256, 512);

    /** ResNet-10 of the long-tailed references (CB, OLTR, MiSLAS): BasicBlocks, one per stage. */
    public static ResNetLayout resnet10() {
        return new ResNetLayout(false, List.of(1, 1, 1, 1), 1, 64, 64, PLANES);
    }

    /** torchvision resnet50. */
    public static ResNetLayout resnet50() {
        return new ResNetLayout(true, List.of(3, 4, 6, 3), 1, 64, 64, PLANES);
    }

    /** torchvision resnet152. */
    public static ResNetLayout resnet152() {
        return new ResNetLayout(true, List.of(3, 8, 36, 3), 1, 64, 64, PLANES);
    }

    /** torchvision resnext50_32x4d. */
    public static ResNetLayout resnext50x32x4d() {
        return new ResNetLayout(true, List.of(3, 4, 6, 3), 32, 4, 64, PLANES);
    }

    /** Channels per output position of a block: 4 for a Bottleneck, 1 for a BasicBlock. */
    public int expansion() {
        return bottleneck ? Bottleneck.EXPANSION : 1;
    }

    /** Channels of the last stage's map, the backbone's output C. */
    public int featureChannels() {
        return planes.get(planes.size() - 1) * expansion();
    }
}
