package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

/**
 * The registered mixup with the registered cross-entropy through its targets, checked against the
 * formulas computed in plain Java: the blend, the mixed loss and its gradient, alpha 0, and replay.
 */
class MixupTest {

    private static final long[] LABELS = {0, 2, 1, 2, 0, 1};
    private static final float[][] LOGITS = {
        {2.0f, 0.5f, -1.0f}, {0.1f, 0.2f, 0.3f}, {-1.5f, 3.0f, 0.0f}, {0.7f, -0.2f, 1.1f}, {0f, 0f, 1f}, {1f, 2f, 3f}
    };

    /**
     * x' = lambda x + (1 - lambda) x[pi] for some permutation pi, the second labels are labels[pi], and
     * the loss is lambda CE(y) + (1 - lambda) CE(y[pi]). Pi is read back from the blend: every sample
     * differs from every other by at least 1000 in each value, so only one partner fits.
     */
    @Test
    void blendsImagesAndLossesWithTheDrawnLambdaAndPermutation() {
        for (double alpha : new double[] {1.0, 0.2, 2.5}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray images = MixingFixtures.images(manager, 6, 2, 3, 3, 0);
                NDArray labels = manager.create(LABELS);
                MixedBatch mixed = mixup(alpha).mix(images, labels, List.of(), MixingFixtures.step(0, 1, 7));
                double lambda = mixed.targets().lambda();
                String at = "alpha " + alpha;
                assertTrue(lambda > 0 && lambda < 1, at);
                assertSame(labels, mixed.targets().first());

                int[] perm = partners(images.toFloatArray(), mixed.images().toFloatArray(), lambda, 18);
                assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, Arrays.stream(perm).sorted().toArray(), at);
                assertNotEquals("[0, 1, 2, 3, 4, 5]", Arrays.toString(perm), at + ": seed 7 shuffles");
                long[] partnerLabels = Arrays.stream(perm).mapToLong(i -> LABELS[i]).toArray();
                assertArrayEquals(partnerLabels, mixed.targets().second().toLongArray(), at);

                NDArray logits = manager.create(LOGITS);
                double want = lambda * crossEntropy(LABELS) + (1 - lambda) * crossEntropy(partnerLabels);
                assertEquals(want, MixingFixtures.crossEntropy(logits, mixed.targets()).getFloat(), 1e-5, at);
            }
        }
    }

    /** Through the targets the gradient of the mixed cross-entropy is (softmax - the lambda-mixed one-hot) / B. */
    @Test
    void gradientIsSoftmaxMinusTheMixedTarget() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(LABELS);
            MixedBatch mixed = mixup(1.0).mix(MixingFixtures.images(manager, 6, 1, 2, 2, 0), labels, List.of(),
                    MixingFixtures.step(0, 1, 3));
            double lambda = mixed.targets().lambda();
            long[] second = mixed.targets().second().toLongArray();
            NDArray logits = manager.create(LOGITS);
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(MixingFixtures.crossEntropy(logits, mixed.targets()));
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < 6; i++) {
                double[] p = softmax(LOGITS[i]);
                for (int c = 0; c < 3; c++) {
                    double target = (c == LABELS[i] ? lambda : 0) + (c == second[i] ? 1 - lambda : 0);
                    assertEquals((p[c] - target) / 6, grad[3 * i + c], 1e-6, "dL/dz[" + i + "][" + c + "]");
                }
            }
        }
    }

    /** Alpha 0 draws nothing, passes the batch through, and the loss is plain cross-entropy. */
    @Test
    void alphaZeroIsPlainCrossEntropyWithoutDrawing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = MixingFixtures.images(manager, 6, 1, 2, 2, 0);
            NDArray labels = manager.create(LABELS);
            MixingContext step = MixingFixtures.step(0, 1, 5);
            MixedBatch mixed = mixup(0).mix(images, labels, List.of(), step);
            assertSame(images, mixed.images());
            assertEquals(1.0, mixed.targets().lambda());
            assertSame(labels, mixed.targets().second());
            assertEquals(new SplittableRandom(5).nextLong(), step.random().nextLong());

            NDArray logits = manager.create(LOGITS);
            float loss = MixingFixtures.crossEntropy(logits, mixed.targets()).getFloat();
            assertEquals(crossEntropy(LABELS), loss, 1e-6);
            NDArray djl = new SoftmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
            assertEquals(djl.getFloat(), loss, 1e-6);
        }
    }

    @Test
    void sameSeedSameDraws() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = MixingFixtures.images(manager, 6, 1, 2, 2, 0);
            NDArray labels = manager.create(LABELS);
            MixedBatch a = mixup(1.0).mix(images, labels, List.of(), MixingFixtures.step(0, 1, 3));
            MixedBatch b = mixup(1.0).mix(images, labels, List.of(), MixingFixtures.step(0, 1, 3));
            MixedBatch c = mixup(1.0).mix(images, labels, List.of(), MixingFixtures.step(0, 1, 4));
            assertEquals(a.targets().lambda(), b.targets().lambda());
            assertArrayEquals(a.images().toFloatArray(), b.images().toFloatArray());
            assertArrayEquals(a.targets().second().toLongArray(), b.targets().second().toLongArray());
            assertNotEquals(a.targets().lambda(), c.targets().lambda());
        }
    }

    @Test
    void registeredWithItsSettings() {
        assertEquals(List.of("mixup", "cutmix", "cmo", "bilateral"),
                MixingRegistry.MIXINGS.entries().stream().map(e -> e.name()).toList());
        var bound = MixingRegistry.MIXINGS.bind("stages.stage1.mixing", Map.of("type", "mixup", "alpha", 0.2));
        assertEquals(Map.of("type", "mixup", "alpha", 0.2), bound.resolved());
        assertEquals("mixup (alpha 0.2)", bound.create(MixingFixtures.part(1)).describe());
        BadInputException bad = assertThrows(BadInputException.class, () -> MixingRegistry.MIXINGS
                .bind("stages.stage1.mixing", Map.of("type", "mixup", "alpha", -1.0))
                .create(MixingFixtures.part(1)));
        assertEquals("config key 'stages.stage1.mixing.alpha' is -1.0, expected a finite value >= 0", bad.getMessage());
    }

    private static Mixup mixup(double alpha) {
        Mixup.Settings settings = new Mixup.Settings();
        settings.alpha = alpha;
        return new Mixup(settings, MixingFixtures.part(1));
    }

    /**
     * For each sample i of the blend, the one j with {@code mixed[i] = lambda x[i] + (1 - lambda) x[j]}
     * (each sample {@code width} values long).
     */
    private static int[] partners(float[] x, float[] mixed, double lambda, int width) {
        int n = x.length / width;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = -1;
            for (int j = 0; j < n; j++) {
                boolean fits = true;
                for (int k = 0; k < width && fits; k++) {
                    double want = lambda * x[i * width + k] + (1 - lambda) * x[j * width + k];
                    fits = Math.abs(want - mixed[i * width + k]) < 1e-2;
                }
                if (fits) {
                    assertEquals(-1, perm[i], "sample " + i + " fits two partners");
                    perm[i] = j;
                }
            }
            assertNotEquals(-1, perm[i], "sample " + i + " is no blend of two samples");
        }
        return perm;
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
