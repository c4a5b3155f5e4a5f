package org.longtail4j.models.imagenet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.Map;

/**
 * The convolutions of the torchvision ResNets (bias-free, "same" padding) and the torchvision
 * state_dict names of a convolution's and a BatchNorm's parameters (large-scale.md 3.3).
 */
final class TorchvisionLayers {

    private TorchvisionLayers() {}

    /** A k x k bias-free convolution with padding k / 2, its weight drawn as {@code init} says. */
    static Conv2d conv(int inChannels, int filters, int kernel, int stride, int groups, ConvInit init) {
        Conv2d conv = Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optGroups(groups)
                .optBias(false)
                .build();
        conv.setInitializer(init.initializer(inChannels, filters, kernel, groups), Parameter.Type.WEIGHT);
        return conv;
    }

    /** Records {@code <prefix>weight} for a convolution. */
    static void convKeys(String prefix, Conv2d conv, Map<String, Parameter> keys) {
        keys.put(prefix + "weight", conv.getParameters().get("weight"));
    }

    /** Records torchvision's four BatchNorm names (num_batches_tracked has no DJL counterpart). */
    static void batchNormKeys(String prefix, BatchNorm bn, Map<String, Parameter> keys) {
        keys.put(prefix + "weight", bn.getParameters().get("gamma"));
        keys.put(prefix + "bias", bn.getParameters().get("beta"));
        keys.put(prefix + "running_mean", bn.getParameters().get("runningMean"));
        keys.put(prefix + "running_var", bn.getParameters().get("runningVar"));
    }

    /** Output size of a 3x3 (padding 1) or 1x1 (padding 0) convolution with this stride. */
    static long strided(long size, int stride) {
        return (size - 1) / stride + 1;
    }
}
