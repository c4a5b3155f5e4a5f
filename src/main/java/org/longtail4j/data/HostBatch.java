package org.longtail4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One batch prepared on the Java heap (normalised, augmented floats and labels), ready to be copied
 * into the engine in one call. Making batches off the training thread needs nothing from the engine.
 */
public record HostBatch(float[] pixels, int[] labels, int[] indices, int channels, int height, int width) {

    /**
     * One direct buffer per thread that copies batches into the engine, reused from batch to batch.
     * DJL's {@code create(FloatBuffer)} would allocate a fresh direct buffer per batch and the array
     * would keep pointing at it, so its memory went back only when the garbage collector happened to
     * clear the buffer: resident memory crept up by some 20% over ten epochs (docs/performance.md).
     */
    private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

    public int size() {
        return labels.length;
    }

    /** The images as a float32 [B, C, H, W] array owned by {@code manager}, in memory of the engine's own. */
    public NDArray images(NDManager manager) {
        int floats = size() * channels * height * width;
        ByteBuffer staging = staging(floats * Float.BYTES);
        staging.asFloatBuffer().put(pixels, 0, floats);
        // The array made from the staging buffer is a view of it; the copy is the engine's, so the
        // buffer can take the next batch.
        try (NDArray view = manager.create(staging, new Shape(size(), channels, height, width),
                DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    /** The labels as an int32 [B] array owned by {@code manager}. */
    public NDArray labelArray(NDManager manager) {
        return manager.create(labels);
    }

    private static ByteBuffer staging(int bytes) {
        ByteBuffer buffer = STAGING.get();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            STAGING.set(buffer);
        }
        buffer.clear().limit(bytes);
        return buffer;
    }
}
