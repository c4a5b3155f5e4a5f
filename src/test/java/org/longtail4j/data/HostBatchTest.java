package org.longtail4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Copying host batches into the engine through the reused staging buffer. */
class HostBatchTest {

    private static HostBatch batch(int size, float offset) {
        float[] pixels = new float[size * 2 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = offset + i * 0.5f;
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % 3;
        }
        return new HostBatch(pixels, labels, new int[size], 2, 3, 3);
    }

    @Test
    void imagesKeepTheirValuesWhenTheStagingBufferTakesTheNextBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HostBatch first = batch(4, 0);
            HostBatch second = batch(4, 1000);
            HostBatch larger = batch(9, -50);
            NDArray a = first.images(manager);
            NDArray b = second.images(manager);
            NDArray c = larger.images(manager);
            assertEquals(new Shape(4, 2, 3, 3), a.getShape());
            assertEquals(new Shape(9, 2, 3, 3), c.getShape());
            // each array owns its copy: later batches through the same buffer do not show through
            assertArrayEquals(first.pixels(), a.toFloatArray());
            assertArrayEquals(second.pixels(), b.toFloatArray());
            assertArrayEquals(larger.pixels(), c.toFloatArray());
        }
    }

    @Test
    void aBatchShorterThanItsPixelArrayCopiesOnlyItsImages() {
        HostBatch full = batch(4, 7);
        float[] pixels = java.util.Arrays.copyOf(full.pixels(), full.pixels().length * 2);
        HostBatch shortBatch = new HostBatch(pixels, full.labels(), full.indices(), 2, 3, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(full.pixels(), shortBatch.images(manager).toFloatArray());
            assertArrayEquals(new int[] {0, 1, 2, 0}, shortBatch.labelArray(manager).toIntArray());
        }
    }
}
