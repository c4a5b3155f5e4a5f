package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mixup on a batch of four, checked against the formulas computed in plain Java. */
class MixupTest {

    private static final float[][] INPUTS = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    private static final float[][] LOGITS = {
        {2.0f, 0.5f, -1.0f}, {0.1f, 0.2f, 0.3f}, {-1.5f, 3.0f, 0.0f}, {0.7f, -0.2f, 1.1f}
    };
    private static final long[] LABELS = {0, 2, 1, 2};

    @Test
    void blendsInputsAndLossesWithTheDrawnLambdaAndPermutation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Mixup.Mixed mixed = new Mixup(1.0, new SplittableRandom(7)).mix(manager.create(INPUTS));
            double lambda = mixed.lambda();
            long[] perm = mixed.permutation();
            assertTrue(lambda > 0 && lambda < 1);
            assertArrayEquals(new long[] {0, 1, 2, 3}, Arrays.stream(perm).sorted().toArray());
            assertNotEquals("[0, 1, 2, 3]", Arrays.toString(perm), "seed 7 shuffles");

            float[] got = mixed.inputs().toFloatArray();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 2; j++) {
                    double want = lambda * INPUTS[i][j] + (1 - lambda) * INPUTS[(int) perm[i]][j];
                    assertEquals(want, got[2 * i + j], 1e-5, "x'[" + i + "][" + j + "]");
                }
            }

            long[] partnerLabels = new long[4];
            for (int i = 0; i < 4; i++) {
                partnerLabels[i] = LABELS[(int) perm[i]];
            }
            double want = lambda * crossEntropy(LABELS) + (1 - lambda) * crossEntropy(partnerLabels);
            NDArray loss = mixed.loss(manager.create(LOGITS), manager.create(LABELS));
            assertEquals(want, loss.getFloat(), 1e-6);
        }
    }

    @Test
    void gradientIsSoftmaxMinusTheMixedTarget() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Mixup.Mixed mixed = new Mixup(1.0, new SplittableRandom(11)).mix(manager.create(INPUTS));
            double lambda = mixed.lambda();
            long[] perm = mixed.permutation();
            NDArray logits = manager.create(LOGITS);
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(mixed.loss(logits, manager.create(new float[] {0, 2, 1, 2})));
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < 4; i++) {
                double[] p = softmax(LOGITS[i]);
                for (int c = 0; c < 3; c++) {
                    double target =
                            (c == LABELS[i] ? lambda : 0) + (c == LABELS[(int) perm[i]] ? 1 - lambda : 0);
                    assertEquals((p[c] - target) / 4, grad[3 * i + c], 1e-6, "dL/dz[" + i + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void alphaZeroIsPlainCrossEntropy() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.create(INPUTS);
            Mixup.Mixed mixed = new Mixup(0, new SplittableRandom(7)).mix(inputs);
            assertEquals(1.0, mixed.lambda());
            assertArrayEquals(new long[] {0, 1, 2, 3}, mixed.permutation());
            assertArrayEquals(inputs.toFloatArray(), mixed.inputs().toFloatArray());

            NDArray logits = manager.create(LOGITS);
            NDArray labels = manager.create(LABELS);
            float loss = mixed.loss(logits, labels).getFloat();
            assertEquals(crossEntropy(LABELS), loss, 1e-6);
            NDArray djl = new SoftmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
            assertEquals(djl.getFloat(), loss, 1e-6);
        }
    }

    @Test
    void sameSeedSameDraws() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.create(INPUTS);
            Mixup.Mixed a = new Mixup(1.0, new SplittableRandom(3)).mix(inputs);
            Mixup.Mixed b = new Mixup(1.0, new SplittableRandom(3)).mix(inputs);
            assertEquals(a.lambda(), b.lambda());
            assertArrayEquals(a.permutation(), b.permutation());
        }
    }

    /** Mean over the batch of -log softmax(LOGITS[i])[labels[i]], in doubles. */
    private static double crossEntropy(long[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(softmax(LOGITS[i])[(int) labels[i]]);
        }
        return sum / labels.length;
    }

    private static double[] softmax(float[] logits) {
        double total = 0;
        double[] p = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c]);
            total += p[c];
        }
        for (int c = 0; c < logits.length; c++) {
            p[c] /= total;
        }
        return p;
    }
}
