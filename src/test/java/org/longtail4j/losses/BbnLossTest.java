package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.mixing.Bilateral;
import org.longtail4j.mixing.LabelledImages;
import org.longtail4j.mixing.MixedBatch;
import org.longtail4j.mixing.MixingContext;
import org.longtail4j.models.BilateralHead;
import org.longtail4j.models.ModelOutput;

/**
 * BBN's head, bilateral targets and loss together against fixtures/losses/bbn.json (bbn_oracle.py, float64
 * PyTorch in the reference's concatenated form): the spec's worked example (methods-multibranch.md 6.5) and
 * seeded random batches, loss, test-time logits and gradients with respect to both branches' features, the
 * weight and the bias; and the spec's alpha table.
 */
class BbnLossTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void alphaIsTheSpecsTable() {
        // 1-indexed epochs e of 200: the 0-based epoch is e - 1
        int[] epochs = {1, 2, 51, 100, 101, 151, 200};
        double[] alphas = {1, 0.999975, 0.9375, 0.754975, 0.75, 0.4375, 0.009975};
        for (int i = 0; i < epochs.length; i++) {
            assertEquals(alphas[i], Bilateral.alpha(epochs[i] - 1, 200), 1e-9, "epoch " + epochs[i]);
        }
        // E = 90 and 180 divide by 100 and 200 (BBN's iNaturalist schedule)
        assertEquals(1 - Math.pow(89 / 100.0, 2), Bilateral.alpha(89, 90), 1e-12);
        assertEquals(1 - Math.pow(179 / 200.0, 2), Bilateral.alpha(179, 180), 1e-12);
    }

    @Test
    void theOracleReproducesTheSpecsFigures() {
        JsonNode cases = LossFixtures.bbnOracle().get("cases");
        double[] losses = {0.564402, 0.793367, 1.60223};
        for (int i = 0; i < losses.length; i++) {
            assertEquals(losses[i], cases.get(i).get("loss").asDouble(), 1e-5, cases.get(i).get("name").asText());
        }
        double[][] test = {{0.75, -0.18, 0.36}, {0.05, 0.8, -0.37}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(test[i][j], cases.get(0).get("test_logits").get(i).get(j).asDouble(), 1e-9);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> headAndLossMatchTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : LossFixtures.bbnOracle().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        double[][] w = LossFixtures.MAPPER.convertValue(c.get("weight"), double[][].class);
        double[] b = LossFixtures.MAPPER.convertValue(c.get("bias"), double[].class);
        int classes = w.length;
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray fc = LossFixtures.matrix(manager, c.get("f_c"));
            NDArray fr = LossFixtures.matrix(manager, c.get("f_r"));
            long batch = fc.getShape().get(0);
            long features = fc.getShape().get(1);
            // pooled features as 1x1 maps, so the head's pooling is the identity
            NDArray mc = fc.reshape(batch, features, 1, 1);
            NDArray mr = fr.reshape(batch, features, 1, 1);
            mc.setRequiresGradient(true);
            mr.setRequiresGradient(true);
            BilateralHead head = new BilateralHead(classes);
            head.initialize(manager, DataType.FLOAT32, mc.getShape(), mr.getShape());
            Parameter weight = parameter(head, "weight");
            Parameter bias = parameter(head, "bias");
            weight.getArray().set(LossFixtures.matrix(manager, w).toFloatArray());
            bias.getArray().set(manager.create(b).toType(DataType.FLOAT32, false).toFloatArray());
            ParameterStore ps = new ParameterStore(manager, false);
            NDList logits = head.forward(ps, new NDList(mc, mr), true);
            ModelOutput output = new ModelOutput(logits.subNDList(0, 2), logits.get(2));

            NDArray yc = LossFixtures.labels(manager, c.get("labels_c"));
            NDArray yr = LossFixtures.labels(manager, c.get("labels_r"));
            int epochs = c.get("epochs").asInt();
            int epoch = c.get("epoch").asInt() - 1;
            ClassStatistics classStats = ClassStatistics.of(new int[classes]);
            MixedBatch mixed = new Bilateral(new Bilateral.Settings(), null).mix(fc, yc,
                    List.of(new LabelledImages(fr, yr)),
                    new MixingContext(classStats, epoch, epochs, new SplittableRandom(0)));
            assertEquals(c.get("alpha").asDouble(), mixed.targets().lambda(), 1e-12, "alpha");
            assertEquals(2, mixed.inputs().size(), "one input per branch");
            NDArray value = new BbnLoss(new BbnLoss.Settings(), null).loss(output, mixed.targets(),
                    LossFixtures.step(classStats, epoch));
            collector.backward(value);

            double expected = c.get("loss").asDouble();
            assertEquals(expected, value.getFloat(), TOLERANCE * Math.max(1, expected), "loss");
            close(c.get("test_logits"), output.combined(), "test-time logits");
            close(c.get("grad_f_c"), mc.getGradient().reshape(batch, features), "d loss / d f_c");
            close(c.get("grad_f_r"), mr.getGradient().reshape(batch, features), "d loss / d f_r");
            close(c.get("grad_weight"), weight.getArray().getGradient(), "d loss / d W");
            close(c.get("grad_bias"), bias.getArray().getGradient().reshape(1, classes), "d loss / d b");
        }
    }

    private static Parameter parameter(BilateralHead head, String name) {
        for (Pair<String, Parameter> p : head.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    /** Element-wise |expected - actual| <= TOLERANCE * max(1, largest |expected|). */
    private static void close(JsonNode expected, NDArray actual, String what) {
        JsonNode rows = expected.get(0).isArray() ? expected : LossFixtures.MAPPER.createArrayNode().add(expected);
        double[][] e = LossFixtures.MAPPER.convertValue(rows, double[][].class);
        float[] a = actual.toFloatArray();
        int columns = e[0].length;
        assertEquals(e.length * columns, a.length, what + ": size");
        double scale = 1;
        for (double[] row : e) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < columns; j++) {
                assertTrue(Math.abs(e[i][j] - a[i * columns + j]) <= TOLERANCE * scale,
                        what + " [" + i + "][" + j + "]: " + e[i][j] + " vs " + a[i * columns + j]);
            }
        }
    }
}
