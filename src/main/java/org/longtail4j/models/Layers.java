package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The two layer kinds the CIFAR ResNets are made of, configured once as the references do, and two
 * helpers for running a layer on one array, and the frozen-network test of the lean forwards.
 *
 * <p>Convolution weights keep DJL's default initializer for weights, which is Kaiming-normal with
 * fan-in (Gaussian, std sqrt(2 / fan_in)), exactly torch.nn.init.kaiming_normal_ as the references
 * call it. BatchNorm momentum 0.9 in DJL's convention is PyTorch's default 0.1; epsilon 1e-5 as in
 * PyTorch.
 */
public final class Layers {

    private Layers() {}

    static Conv2d conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    public static BatchNorm batchNorm() {
        return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
    }

    /** {@code layer} applied to one array. */
    public static NDArray apply(Block layer, ParameterStore ps, NDArray input, boolean training) {
        return layer.forward(ps, new NDList(input), training).singletonOrThrow();
    }

    /** Releases {@code used} and returns {@code result}: for a forward that holds no activations. */
    public static NDArray release(NDArray used, NDArray result) {
        used.close();
        return result;
    }

    /**
     * True when none of {@code parameters} requires a gradient: a frozen network may take its lean
     * forward. Callers keep the list (DJL's getParameters() builds a fresh one on every call, 0.1-0.3 ms).
     */
    public static boolean noneTrainable(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                return false;
            }
        }
        return true;
    }
}
