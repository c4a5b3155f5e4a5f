package org.longtail4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Matrix products of ResNet-50's 1x1 shapes (channels-last rows times a transposed weight, as
 * TorchvisionLayers computes them, and the two products of their backward), on inputs drawn from a
 * fixed seed, so that a test can run them in a process of its own under another libtorch environment
 * and compare. {@code main(OUT)} writes the products' floats to OUT (little-endian) and prints whether
 * the MKL shim is mapped into this process.
 */
public final class ProductsChild {

    /** {rows, in, out}: a ResNet-50 1x1 convolution at batch 2 (so that the test stays quick). */
    private static final int[][] SHAPES = {{6272, 64, 256}, {1568, 512, 128}, {392, 1024, 256}, {98, 2048, 512}};

    private ProductsChild() {}

    /** Each product's floats, in the order of {@link #depths()}. */
    public static float[][] products() {
        Random random = new Random(20261130L);
        float[][] parts = new float[SHAPES.length * 3][];
        try (NDManager manager = NDManager.newBaseManager()) {
            int k = 0;
            for (int[] s : SHAPES) {
                NDArray rows = manager.create(gaussian(random, s[0] * s[1]), new Shape(s[0], s[1]));
                NDArray weight = manager.create(gaussian(random, s[2] * s[1]), new Shape(s[2], s[1]));
                NDArray gradient = manager.create(gaussian(random, s[0] * s[2]), new Shape(s[0], s[2]));
                parts[k++] = rows.matMul(weight.transpose()).toFloatArray();
                parts[k++] = gradient.matMul(weight).toFloatArray();
                parts[k++] = gradient.transpose().matMul(rows).toFloatArray();
            }
        }
        return parts;
    }

    /** How many terms each product's entries sum (the inner dimension), in the order of {@link #products()}. */
    public static int[] depths() {
        int[] depths = new int[SHAPES.length * 3];
        for (int i = 0; i < SHAPES.length; i++) {
            depths[3 * i] = SHAPES[i][1];
            depths[3 * i + 1] = SHAPES[i][2];
            depths[3 * i + 2] = SHAPES[i][0];
        }
        return depths;
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    public static void main(String[] args) throws IOException {
        float[][] parts = products();
        ByteBuffer bytes = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum() * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[] part : parts) {
            bytes.asFloatBuffer().put(part);
            bytes.position(bytes.position() + part.length * Float.BYTES);
        }
        Files.write(Path.of(args[0]), bytes.array());
        System.out.println("shim mapped: " + Files.readString(Path.of("/proc/self/maps")).contains("libmkl-intel-cpu.so"));
    }
}
