package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;

/**
 * GCL's noise: eps ~ N(0, (1/3)^2) clamped to [-1, 1], so E|eps| = 0.265707 (unclamped it would be
 * (1/3) sqrt(2 / pi) = 0.265962) and no |eps| exceeds 1; P(|eps| = 1) = P(|Z| > 3) = 0.0026998. Checked on
 * the draw itself (4 million values) and through the loss (the noise recovered from the gradient), and
 * fresh on every call.
 */
class GclNoiseTest {

    private static final double EXPECTED_MEAN = 0.265707;
    private static final double P_CLAMPED = 0.0026998;

    @Test
    void theExpectedValueIsTheOraclesClampedMean() {
        double oracle = LossFixtures.oracle().get("constants").get("expected_abs_clamped_noise").asDouble();
        assertEquals(EXPECTED_MEAN, oracle, 5e-7);
    }

    @Test
    void drawsAreClampedHalfNormalsOfStandardDeviationOneThird() {
        int n = 4_000_000;
        float[] draws = GaussianCloudedLoss.absoluteNoise(new SplittableRandom(20261129), n);
        double sum = 0;
        double squares = 0;
        int clamped = 0;
        for (float d : draws) {
            assertTrue(d >= 0 && d <= 1, "|eps| " + d);
            sum += d;
            squares += d * d;
            clamped += d == 1 ? 1 : 0;
        }
        double mean = sum / n;
        double standardError = Math.sqrt((squares / n - mean * mean) / n);
        assertEquals(EXPECTED_MEAN, mean, 4 * standardError, "mean |eps| (standard error " + standardError + ")");
        double expectedClamped = P_CLAMPED * n;
        assertEquals(expectedClamped, clamped, 5 * Math.sqrt(expectedClamped), "draws clamped to exactly 1");
        System.out.printf("GCL noise: mean |eps| %.6f (expected %.6f, standard error %.1e), %d of %d clamped (expected %.0f)%n",
                mean, EXPECTED_MEAN, standardError, clamped, n, expectedClamped);
    }

    /**
     * Two classes, counts (100, 1): a = (0, 1), so only class 1's logit is perturbed. With cosines 0,
     * label 0, s 1 and noise_mul 1 the logits are (0, -|eps_i|) and d loss / d k_i1 = sigmoid(-|eps_i|) / B,
     * which gives back every |eps_i| the loss drew.
     */
    @Test
    void theLossDrawsTheSameDistribution() {
        int batch = 200_000;
        ClassStatistics classes = ClassStatistics.of(100, 1);
        LogitLoss gcl = LossFixtures.loss(Map.of("type", "gcl", "s", 1.0, "noise_mul", 1.0), 100, 1);
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray cos = manager.zeros(new Shape(batch, 2));
            cos.setRequiresGradient(true);
            NDArray labels = manager.zeros(new Shape(batch), ai.djl.ndarray.types.DataType.INT32);
            collector.backward(gcl.loss(cos, labels, new LossContext(classes, 0, 1, new SplittableRandom(5))));
            float[] gradient = cos.getGradient().toFloatArray();
            double sum = 0;
            double squares = 0;
            double largest = 0;
            for (int i = 0; i < batch; i++) {
                double q = (double) gradient[2 * i + 1] * batch;
                double eps = Math.log((1 - q) / q);
                sum += eps;
                squares += eps * eps;
                largest = Math.max(largest, eps);
            }
            double mean = sum / batch;
            double standardError = Math.sqrt((squares / batch - mean * mean) / batch);
            assertEquals(EXPECTED_MEAN, mean, 4 * standardError, "mean |eps| through the loss");
            assertTrue(largest <= 1 + 1e-4, "largest |eps| " + largest);
            assertTrue(largest > 0.999, "some draws clamped to 1, largest " + largest);
        }
    }

    @Test
    void everyCallDrawsFreshNoiseAndASeedReplaysIt() {
        ClassStatistics classes = ClassStatistics.of(500, 100, 10);
        LogitLoss gcl = LossFixtures.loss("gcl", 500, 100, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cos = LossFixtures.matrix(manager, new double[][] {{0.3, 0.1, 0.2}, {0.25, 0.2, 0.15}});
            NDArray labels = LossFixtures.labels(manager, 2, 0);
            LossContext step = new LossContext(classes, 0, 1, new SplittableRandom(9));
            float first = gcl.loss(cos, labels, step).getFloat();
            float second = gcl.loss(cos, labels, step).getFloat();
            assertNotEquals(first, second, "a second call draws new noise");
            LossContext replay = new LossContext(classes, 0, 1, new SplittableRandom(9));
            assertEquals(first, gcl.loss(cos, labels, replay).getFloat(), 0, "the same stream replays the draw");
            // mixed targets with the same labels on both sides: two calls, two draws, so not the single-call value
            LossContext mixedStep = new LossContext(classes, 0, 1, new SplittableRandom(9));
            float mixed = gcl.loss(ModelOutput.single(cos), new Targets(labels, labels, 0.5), mixedStep).getFloat();
            assertEquals(0.5 * first + 0.5 * second, mixed, 1e-5, "lambda L(draw 1) + (1 - lambda) L(draw 2)");
        }
    }
}
