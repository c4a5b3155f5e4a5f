package org.longtail4j.models;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.longtail4j.BadInputException;
import org.longtail4j.models.imagenet.PlacesResNet;
import org.longtail4j.models.imagenet.ResNetLayout;
import org.longtail4j.models.imagenet.TorchvisionResNet;

/**
 * Backbones by the name {@code model.arch} gives them. The CIFAR ResNets are "resnet&lt;depth&gt;";
 * the torchvision-layout ImageNet networks carry a "tv-" prefix so that the two families, which
 * differ in stem, shortcut and widths, can never be confused ("resnet50" is neither). "ride-resnet&lt;depth&gt;"
 * is RIDE's 3-expert CIFAR ResNet, which returns one map per expert; "bbn-resnet&lt;depth&gt;" BBN's
 * bilateral-branch CIFAR ResNet, which returns two. {@code model.channels_last} lays every
 * network's activations out channels-last.
 */
public final class Architectures {

    private static final Map<String, Function<Boolean, Block>> BACKBONES = new LinkedHashMap<>();

    static {
        for (int depth : new int[] {20, 32, 44, 56, 110}) {
            BACKBONES.put("resnet" + depth, channelsLast -> new CifarResNet(depth, channelsLast));
        }
        for (int depth : new int[] {20, 32, 44, 56, 110}) {
            // RIDE's CIFAR configuration: 3 experts at the reduced widths 24 / 48 (methods-multibranch.md 2.1)
            BACKBONES.put("ride-resnet" + depth, channelsLast -> new RideResNet(depth, 3, 24, 48, channelsLast));
        }
        for (int depth : new int[] {20, 32, 44, 56, 110}) {
            // BBN: the CIFAR ResNet with its last block duplicated into two branches (methods-multibranch.md 6.1)
            BACKBONES.put("bbn-resnet" + depth, channelsLast -> new BbnResNet(depth, channelsLast));
        }
        BACKBONES.put("tv-resnet10", channelsLast -> new TorchvisionResNet(ResNetLayout.resnet10(), channelsLast));
        BACKBONES.put("tv-resnet50", channelsLast -> new TorchvisionResNet(ResNetLayout.resnet50(), channelsLast));
        BACKBONES.put("tv-resnet152", channelsLast -> new TorchvisionResNet(ResNetLayout.resnet152(), channelsLast));
        BACKBONES.put("tv-resnext50-32x4d",
                channelsLast -> new TorchvisionResNet(ResNetLayout.resnext50x32x4d(), channelsLast));
        BACKBONES.put("places-resnet152", channelsLast -> new PlacesResNet(channelsLast));
    }

    private Architectures() {}

    /** Every accepted name, in a stable order. */
    public static Set<String> names() {
        return BACKBONES.keySet();
    }

    /**
     * A new, uninitialised backbone.
     *
     * @throws BadInputException naming the accepted architectures when {@code arch} is not one
     */
    public static Block backbone(String arch, boolean channelsLast) {
        Function<Boolean, Block> factory = BACKBONES.get(arch);
        if (factory == null) {
            throw new BadInputException("model.arch: unknown architecture '" + arch + "'; expected one of "
                    + String.join(", ", names()));
        }
        return factory.apply(channelsLast);
    }
}
