package org.longtail4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * One batch prepared on the Java heap (normalised, augmented floats and labels), ready to be copied
 * into the engine in one call. Making batches off the training thread needs nothing from the engine.
 */
public record HostBatch(float[] pixels, int[] labels, int[] indices, int channels, int height, int width) {

    public int size() {
        return labels.length;
    }

    /** The images as a float32 [B, C, H, W] array owned by {@code manager}. */
    public NDArray images(NDManager manager) {
        return manager.create(FloatBuffer.wrap(pixels, 0, size() * channels * height * width),
                new Shape(size(), channels, height, width));
    }

    /** The labels as an int32 [B] array owned by {@code manager}. */
    public NDArray labelArray(NDManager manager) {
        return manager.create(labels);
    }
}
