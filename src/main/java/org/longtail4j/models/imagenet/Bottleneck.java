package org.longtail4j.models.imagenet;

/**
 * torchvision's Bottleneck ("ResNet v1.5"): 1x1 in -> width, 3x3 width -> width carrying the stride
 * and the groups, 1x1 width -> 4 * planes; width = floor(planes * baseWidth / 64) * groups
 * (large-scale.md 3.1).
 */
public final class Bottleneck extends ResidualBlock {

    /** Output channels per plane. */
    public static final int EXPANSION = 4;

    /**
     * @param inChannels channels of the input map
     * @param planes the stage's planes; the block outputs 4 * planes channels
     * @param stride stride of the 3x3 convolution and of the downsample shortcut
     * @param groups groups of the 3x3 convolution (32 for ResNeXt-50 32x4d)
     * @param baseWidth width per group at 64 planes (4 for ResNeXt-50 32x4d, 64 otherwise)
     * @param init how the convolution weights are drawn
     */
    public Bottleneck(int inChannels, int planes, int stride, int groups, int baseWidth, ConvInit init) {
        super(planes * EXPANSION, stride);
        int width = planes * baseWidth / 64 * groups;
        addPair(TorchvisionLayers.conv(inChannels, width, 1, 1, 1, init));
        addPair(TorchvisionLayers.conv(width, width, 3, stride, groups, init));
        addPair(TorchvisionLayers.conv(width, planes * EXPANSION, 1, 1, 1, init));
        addShortcut(inChannels, init);
    }
}
