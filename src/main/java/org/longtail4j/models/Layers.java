package org.longtail4j.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * The two layer kinds the CIFAR ResNets are made of, configured once as the references do.
 *
 * <p>Convolution weights keep DJL's default initializer for weights, which is Kaiming-normal with
 * fan-in (Gaussian, std sqrt(2 / fan_in)), exactly torch.nn.init.kaiming_normal_ as the references
 * call it. BatchNorm momentum 0.9 in DJL's convention is PyTorch's default 0.1; epsilon 1e-5 as in
 * PyTorch.
 */
final class Layers {

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

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
    }
}
