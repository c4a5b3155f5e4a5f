package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Channels-last memory layout (NHWC in memory, still shaped [B, C, H, W]), which DJL 0.36 does not
 * expose as a setting. libtorch's CPU convolutions (oneDNN) and BatchNorm run faster on it and carry
 * it through the network once the input has it, so a backbone only lays out its input this way.
 * The arithmetic is the same as in the default layout up to the order of floating-point sums.
 * Measured in docs/performance.md.
 */
public final class ChannelsLast {

    private ChannelsLast() {}

    /**
     * {@code nchw}'s values with NHWC strides: permute to [B, H, W, C], copy into that order (a reshape
     * that cannot be a view copies), permute the axes back (a view).
     */
    public static NDArray of(NDArray nchw) {
        Shape s = nchw.getShape();
        try (NDArray nhwcView = nchw.transpose(0, 2, 3, 1);
                NDArray flat = nhwcView.reshape(s.get(0), -1);
                NDArray nhwc = flat.reshape(s.get(0), s.get(2), s.get(3), s.get(1))) {
            return nhwc.transpose(0, 3, 1, 2);
        }
    }
}
