package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

/** The registered mixup against today's training.Mixup, draw for draw. */
class MixupTest {

    private static final long[] LABELS = {0, 2, 1, 2, 0, 1};
    private static final float[][] LOGITS = {
        {2.0f, 0.5f, -1.0f}, {0.1f, 0.2f, 0.3f}, {-1.5f, 3.0f, 0.0f}, {0.7f, -0.2f, 1.1f}, {0f, 0f, 1f}, {1f, 2f, 3f}
    };

    @Test
    void sameImagesTargetsAndLossAsTodaysMixup() {
        for (double alpha : new double[] {1.0, 0.2, 2.5}) {
            for (long seed = 1; seed <= 8; seed++) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray images = MixingFixtures.images(manager, 6, 2, 3, 3, 0);
                    NDArray labels = manager.create(LABELS);
                    org.longtail4j.training.Mixup.Mixed old =
                            new org.longtail4j.training.Mixup(alpha, new SplittableRandom(seed)).mix(images);
                    MixedBatch mixed = mixup(alpha).mix(images, labels, List.of(), MixingFixtures.step(0, 1, seed));
                    String at = "alpha " + alpha + " seed " + seed;
                    assertArrayEquals(old.inputs().toFloatArray(), mixed.images().toFloatArray(), at);
                    assertEquals(old.lambda(), mixed.targets().lambda(), at);
                    assertSame(labels, mixed.targets().first());
                    long[] partners = Arrays.stream(old.permutation()).map(i -> LABELS[(int) i]).toArray();
                    assertArrayEquals(partners, mixed.targets().second().toLongArray(), at);
                    NDArray logits = manager.create(LOGITS);
                    float want = old.loss(logits, labels).getFloat();
                    float got = mixed.targets().combine(l -> MixingFixtures.crossEntropy(logits, l)).getFloat();
                    assertEquals(want, got, 1e-6, at);
                }
            }
        }
    }

    /** Through Targets.combine the gradient of the mixed loss is (softmax - the lambda-mixed one-hot) / B. */
    @Test
    void gradientThroughTheTargetsIsSoftmaxMinusTheMixedTarget() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(LABELS);
            MixedBatch mixed = mixup(1.0).mix(MixingFixtures.images(manager, 6, 1, 2, 2, 0), labels, List.of(),
                    MixingFixtures.step(0, 1, 3));
            double lambda = mixed.targets().lambda();
            long[] second = mixed.targets().second().toLongArray();
            NDArray logits = manager.create(LOGITS);
            logits.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(mixed.targets().combine(l -> MixingFixtures.crossEntropy(logits, l)));
            }
            float[] grad = logits.getGradient().toFloatArray();
            for (int i = 0; i < 6; i++) {
                double total = 0;
                for (float z : LOGITS[i]) {
                    total += Math.exp(z);
                }
                for (int c = 0; c < 3; c++) {
                    double target = (c == LABELS[i] ? lambda : 0) + (c == second[i] ? 1 - lambda : 0);
                    assertEquals((Math.exp(LOGITS[i][c]) / total - target) / 6, grad[3 * i + c], 1e-6);
                }
            }
        }
    }

    @Test
    void alphaZeroPassesTheBatchThroughWithoutDrawing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = MixingFixtures.images(manager, 6, 1, 2, 2, 0);
            NDArray labels = manager.create(LABELS);
            MixingContext step = MixingFixtures.step(0, 1, 5);
            MixedBatch mixed = mixup(0).mix(images, labels, List.of(), step);
            assertSame(images, mixed.images());
            assertEquals(1.0, mixed.targets().lambda());
            assertSame(labels, mixed.targets().second());
            assertEquals(new SplittableRandom(5).nextLong(), step.random().nextLong());
        }
    }

    @Test
    void registeredWithItsSettings() {
        assertEquals(List.of("mixup", "cutmix", "cmo"),
                MixingRegistry.MIXINGS.entries().stream().map(e -> e.name()).toList());
        var bound = MixingRegistry.MIXINGS.bind("stages.stage1.mixing",
                java.util.Map.of("type", "mixup", "alpha", 0.2));
        assertEquals(java.util.Map.of("type", "mixup", "alpha", 0.2), bound.resolved());
        assertEquals("mixup (alpha 0.2)", bound.create(MixingFixtures.part(1)).describe());
        BadInputException bad = assertThrows(BadInputException.class, () -> MixingRegistry.MIXINGS
                .bind("stages.stage1.mixing", java.util.Map.of("type", "mixup", "alpha", -1.0))
                .create(MixingFixtures.part(1)));
        assertEquals("config key 'stages.stage1.mixing.alpha' is -1.0, expected a number >= 0", bad.getMessage());
    }

    private static Mixup mixup(double alpha) {
        Mixup.Settings settings = new Mixup.Settings();
        settings.alpha = alpha;
        return new Mixup(settings, MixingFixtures.part(1));
    }
}
