package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.Losses;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.training.Mixup;

/**
 * {@code ce} gives the values and gradients of the cross-entropies the trainer uses today
 * (methods/Losses.crossEntropy, training/Mixup.Mixed.loss), so switching the trainer to the loss library
 * changes no figure. Delete this test together with those two.
 */
class CrossEntropyMatchesTodayTest {

    private static final int BATCH = 32;
    private static final int CLASSES = 10;

    private static float[] gaussians(int n, SplittableRandom random) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (3 * random.nextGaussian());
        }
        return out;
    }

    /** The loss's value followed by its gradient with respect to the logits. */
    private static float[] valueAndGradient(NDManager manager, float[] logits, Function<NDArray, NDArray> loss) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = manager.create(logits, new Shape(BATCH, CLASSES));
            x.setRequiresGradient(true);
            NDArray value = loss.apply(x);
            collector.backward(value);
            float[] gradient = x.getGradient().toFloatArray();
            float[] out = new float[gradient.length + 1];
            out[0] = value.getFloat();
            System.arraycopy(gradient, 0, out, 1, gradient.length);
            return out;
        }
    }

    @Test
    void plainAndMixedCrossEntropyAreUnchanged() {
        SplittableRandom random = new SplittableRandom(4);
        int[] counts = new int[CLASSES];
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = random.nextInt(CLASSES);
            counts[labels[i]]++;
        }
        for (int c = 0; c < CLASSES; c++) {
            counts[c]++;
        }
        float[] logits = gaussians(BATCH * CLASSES, random);
        ClassStatistics classes = ClassStatistics.of(counts);
        LogitLoss ce = LossFixtures.loss("ce", counts);
        LossContext step = LossFixtures.step(classes, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray y = manager.create(labels);
            float[] today = valueAndGradient(manager, logits, x -> Losses.crossEntropy(x, y));
            float[] ours = valueAndGradient(manager, logits, x -> ce.loss(x, y, step));
            assertArrayEquals(today, ours, 1e-7f);

            Mixup.Mixed mixed = new Mixup(1.0, new SplittableRandom(8)).mix(manager.zeros(new Shape(BATCH, 3)));
            long[] permutation = mixed.permutation();
            int[] partners = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                partners[i] = labels[(int) permutation[i]];
            }
            Targets targets = new Targets(y, manager.create(partners), mixed.lambda());
            float[] todayMixed = valueAndGradient(manager, logits, x -> mixed.loss(x, y));
            float[] oursMixed = valueAndGradient(manager, logits, x -> ce.loss(ModelOutput.single(x), targets, step));
            assertArrayEquals(todayMixed, oursMixed, 1e-6f);
            assertEquals(false, mixed.lambda() == 1, "the mixup draw mixes");
        }
    }
}
