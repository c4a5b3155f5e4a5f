package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The convolutions of a frozen network. With channels-last activations each kernel is laid out
 * channels-last once, where libtorch would otherwise lay the default-layout kernel out again at every
 * call: about 3 ms of a ~80 ms ResNet-32 forward at batch 128 here (docs/performance.md).
 *
 * <p>A copy is made again when the parameter's array is replaced (loading a checkpoint does that).
 * Values written into a frozen kernel in place are not seen: frozen means unchanged here.
 */
final class FrozenConvolutions {

    private record Copy(NDArray source, NDArray channelsLast) {}

    private final boolean channelsLast;
    private final Map<Parameter, Copy> copies = new IdentityHashMap<>();

    FrozenConvolutions(boolean channelsLast) {
        this.channelsLast = channelsLast;
    }

    /** {@code conv} applied to {@code input}; the input stays the caller's. */
    NDArray apply(Conv2d conv, ParameterStore ps, NDArray input, boolean training) {
        if (!channelsLast) {
            return Layers.apply(conv, ps, input, training);
        }
        Parameter weight = conv.getParameters().get("weight");
        NDArray kernel = kernel(weight, ps.getValue(weight, input.getDevice(), training));
        NDArray bias = conv.isIncludeBias()
                ? ps.getValue(conv.getParameters().get("bias"), input.getDevice(), training)
                : null;
        return Conv2d.conv2d(input, kernel, bias, conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getGroups()).singletonOrThrow();
    }

    /**
     * A CIFAR ResNet's stem (convolution, BatchNorm, ReLU) in a frozen network, each map released once
     * read; {@code input} stays the caller's and is laid out channels-last here when the network is.
     */
    NDArray stem(Conv2d conv, BatchNorm bn, ParameterStore ps, NDArray input, boolean training) {
        NDArray x;
        if (channelsLast) {
            try (NDArray laidOut = ChannelsLast.of(input)) {
                x = apply(conv, ps, laidOut, training);
            }
        } else {
            x = apply(conv, ps, input, training);
        }
        x = Layers.release(x, Layers.apply(bn, ps, x, training));
        return Layers.release(x, Activation.relu(x));
    }

    private NDArray kernel(Parameter weight, NDArray source) {
        Copy copy = copies.get(weight);
        if (copy == null || copy.source() != source) {
            if (copy != null) {
                copy.channelsLast().close();
            }
            // Made in the kernel's own manager: it lives as long as the model, not the step.
            copy = new Copy(source, ChannelsLast.of(source));
            copies.put(weight, copy);
        }
        return copy.channelsLast();
    }
}
