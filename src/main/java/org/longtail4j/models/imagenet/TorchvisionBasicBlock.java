package org.longtail4j.models.imagenet;

/**
 * torchvision's BasicBlock: two 3x3 convolutions, the first carrying the stride, with a downsample
 * (1x1 convolution + BatchNorm) shortcut when the shape changes. Used by ResNet-10 only.
 */
final class TorchvisionBasicBlock extends ResidualBlock {

    TorchvisionBasicBlock(int inChannels, int planes, int stride, ConvInit init) {
        super(planes, stride);
        addPair(TorchvisionLayers.conv(inChannels, planes, 3, stride, 1, init));
        addPair(TorchvisionLayers.conv(planes, planes, 3, 1, 1, init));
        addShortcut(inChannels, init);
    }
}
