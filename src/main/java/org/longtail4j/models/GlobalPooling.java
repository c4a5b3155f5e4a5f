package org.longtail4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Global average pooling, [B, C, H, W] -> [B, C], the first thing every head does. */
final class GlobalPooling {

    private GlobalPooling() {}

    static NDArray average(NDArray map) {
        Shape s = map.getShape();
        // DJL's PyTorch mean takes one axis at a time: flatten the spatial axes, then average.
        return map.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }
}
