package org.longtail4j.models.imagenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.longtail4j.models.Layers;

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

    /**
     * {@code conv} applied to {@code x}; a 1x1 convolution runs as one matrix product instead of through
     * libtorch's convolution. libtorch 2.7.1's oneDNN dies with SIGFPE (a division by zero in the
     * blocking heuristics of its brgemm 1x1 kernels, brgemm_convolution_utils / _bwd_utils est_eff_1x1)
     * on many of the 1x1 convolutions of these networks on this project's AVX-512 machine, e.g. the
     * backward of 1024 -> 2048 channels at 14x14 -> 7x7, in either memory layout; the product is the same
     * sum (order aside). On a channels-last map the product needs no copy: the [B, H, W, C] view of its
     * memory is already the [B x H x W, C] matrix, and the result's [B, H, W, O] memory is read back as
     * a channels-last [B, O, H, W] map (docs/performance.md section 9). A strided 1x1 convolution first
     * takes every s-th row and column (an average over a 1x1 window with stride s: one operation, whose
     * backward scatters into one zeroed map). The input stays the caller's.
     */
    static NDArray apply(Conv2d conv, ParameterStore ps, NDArray x, boolean training) {
        if (conv.getKernelShape().get(0) != 1 || conv.getKernelShape().get(1) != 1 || conv.getGroups() != 1) {
            return Layers.apply(conv, ps, x, training);
        }
        long stride = conv.getStride().get(0);
        NDArray sampled = stride == 1 ? x : Pool.avgPool2d(x, new Shape(1, 1), new Shape(stride, stride),
                new Shape(0, 0), false, true);
        Shape in = sampled.getShape();
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
        long out = weight.getShape().get(0);
        try (NDArray nhwc = sampled.transpose(0, 2, 3, 1);
                NDArray rows = nhwc.reshape(in.get(0) * in.get(2) * in.get(3), in.get(1));
                NDArray matrix = weight.reshape(out, in.get(1));
                NDArray transposed = matrix.transpose()) {
            // The views of the weight would belong to the model's manager: they go with the step instead.
            matrix.attach(x.getManager());
            transposed.attach(x.getManager());
            try (NDArray product = rows.matMul(transposed);
                    NDArray image = product.reshape(in.get(0), in.get(2), in.get(3), out)) {
                return image.transpose(0, 3, 1, 2);
            }
        } finally {
            if (sampled != x) {
                sampled.close();
            }
        }
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
