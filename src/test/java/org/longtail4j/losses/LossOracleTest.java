package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartRegistry;

/**
 * Every loss against fixtures/losses/losses.json: the value and the gradient with respect to the logits
 * (or cosines), computed in float64 by losses_oracle.py with PyTorch's own F.cross_entropy,
 * binary_cross_entropy_with_logits and autograd. Two data sets: the spec's worked-example fixtures and a
 * seeded 7-class batch of 11 (with mixed targets for some losses, and DRW on both sides of its switch).
 * Our float32 values must agree to 1e-5 relative (loss) and 1e-5 of the largest gradient entry.
 */
class LossOracleTest {

    private static final double LOSS_TOLERANCE = 1e-5;
    private static final double GRADIENT_TOLERANCE = 1e-5;

    @TestFactory
    Stream<DynamicTest> lossesAndGradientsMatchTorch() {
        JsonNode sets = LossFixtures.oracle().get("sets");
        List<DynamicTest> tests = new ArrayList<>();
        sets.fields().forEachRemaining(set -> {
            for (JsonNode c : set.getValue().get("cases")) {
                tests.add(DynamicTest.dynamicTest(set.getKey() + ": " + c.get("name").asText(),
                        () -> check(set.getValue(), c)));
            }
        });
        return tests.stream();
    }

    private static void check(JsonNode data, JsonNode c) {
        int[] counts = LossFixtures.ints(data.get("counts"));
        ClassStatistics classes = ClassStatistics.of(counts);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = LossFixtures.MAPPER.convertValue(c.get("settings"), Map.class);
        PartRegistry.Bound<Loss> bound = LossRegistry.LOSSES.bind("loss", spec);
        LogitLoss loss = (LogitLoss) bound.create(LossFixtures.context(counts));
        int epoch = c.get("epoch").asInt();
        double lambda = c.get("lambda").asDouble();
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = LossFixtures.matrix(manager, data.get(c.get("input").asText()));
            x.setRequiresGradient(true);
            NDArray first = LossFixtures.labels(manager, data.get("labels"));
            NDArray second = lambda == 1 ? first : LossFixtures.labels(manager, data.get("labels_b"));
            Targets targets = new Targets(first, second, lambda);
            NDArray value;
            if (loss instanceof GaussianCloudedLoss gcl) {
                // the fixture's noise instead of fresh draws: one matrix per call, as the oracle used them
                NDArray[] noise = {LossFixtures.matrix(manager, data.get("noise")).abs(),
                        lambda == 1 ? null : LossFixtures.matrix(manager, data.get("noise_b")).abs()};
                int[] call = {0};
                value = targets.combine(labels -> gcl.loss(x, labels, noise[call[0]++], epoch));
            } else {
                value = loss.loss(ModelOutput.single(x), targets, LossFixtures.step(classes, epoch));
            }
            collector.backward(value);
            double expected = c.get("loss").asDouble();
            double actual = value.getFloat();
            assertEquals(expected, actual, LOSS_TOLERANCE * Math.max(1, Math.abs(expected)), "loss");
            double[][] grad = LossFixtures.MAPPER.convertValue(c.get("grad"), double[][].class);
            float[] ours = x.getGradient().toFloatArray();
            double scale = 0;
            double worst = 0;
            int columns = grad[0].length;
            for (int i = 0; i < grad.length; i++) {
                for (int j = 0; j < columns; j++) {
                    scale = Math.max(scale, Math.abs(grad[i][j]));
                    worst = Math.max(worst, Math.abs(grad[i][j] - ours[i * columns + j]));
                }
            }
            assertTrue(scale > 0, "the oracle's gradient is all zero");
            assertTrue(worst <= GRADIENT_TOLERANCE * scale, "gradient off by " + worst + " (largest entry " + scale + ")");
            System.out.printf("oracle %-28s loss %.7g abs err %.2e rel err %.2e; grad max abs err %.2e (max |g| %.3g)%n",
                    c.get("name").asText(), expected, Math.abs(actual - expected),
                    Math.abs(actual - expected) / Math.abs(expected), worst, scale);
        }
    }
}
