package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;

/**
 * RIDE's and ResLT's losses against fixtures/losses/multibranch.json (multibranch_oracle.py, float64
 * PyTorch): the spec's worked examples (methods-multibranch.md 2.7 and 4.7) and seeded random batches,
 * value and gradient with respect to every branch, the combined output formed from the same branches.
 */
class MultiBranchOracleTest {

    private static final double TOLERANCE = 1e-5;

    @TestFactory
    Stream<DynamicTest> lossesAndGradientsMatchTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode set : LossFixtures.multiBranchOracle().get("sets")) {
            for (JsonNode c : set.get("cases")) {
                tests.add(DynamicTest.dynamicTest(set.get("kind").asText() + " " + set.get("counts") + ": "
                        + c.get("name").asText(), () -> check(set, c)));
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode data, JsonNode c) {
        int[] counts = LossFixtures.ints(data.get("counts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = LossFixtures.MAPPER.convertValue(c.get("settings"), Map.class);
        Loss loss = LossFixtures.branchLoss(spec, counts);
        double lambda = c.get("lambda").asDouble();
        boolean mean = data.get("combine").asText().equals("mean");
        int used = spec.getOrDefault("tail_classes", 30).equals(0) ? 2 : data.get("branches").size();
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            List<NDArray> branches = new ArrayList<>();
            for (JsonNode b : data.get("branches")) {
                NDArray x = LossFixtures.matrix(manager, b);
                x.setRequiresGradient(true);
                branches.add(x);
            }
            NDArray combined = branches.get(0);
            for (int k = 1; k < used; k++) {
                combined = combined.add(branches.get(k));
            }
            if (mean) {
                combined = combined.div(used);
            }
            NDArray first = LossFixtures.labels(manager, data.get("labels"));
            Targets targets = lambda == 1 ? Targets.of(first)
                    : new Targets(first, LossFixtures.labels(manager, data.get("labels_b")), lambda);
            NDArray value = loss.loss(new ModelOutput(branches, combined), targets,
                    LossFixtures.step(ClassStatistics.of(counts), c.get("epoch").asInt()));
            collector.backward(value);
            double expected = c.get("loss").asDouble();
            double actual = value.getFloat();
            assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), "loss");
            double worst = 0;
            double scale = 0;
            for (int k = 0; k < branches.size(); k++) {
                double[][] grad = LossFixtures.MAPPER.convertValue(c.get("grads").get(k), double[][].class);
                float[] ours = branches.get(k).getGradient().toFloatArray();
                int columns = grad[0].length;
                for (int i = 0; i < grad.length; i++) {
                    for (int j = 0; j < columns; j++) {
                        scale = Math.max(scale, Math.abs(grad[i][j]));
                        worst = Math.max(worst, Math.abs(grad[i][j] - ours[i * columns + j]));
                    }
                }
            }
            assertTrue(worst <= TOLERANCE * scale, "gradient off by " + worst + " (largest entry " + scale + ")");
            System.out.printf("oracle %-5s %-22s loss %.7g abs err %.2e rel err %.2e; grad max abs err %.2e (max |g| %.3g)%n",
                    data.get("kind").asText(), c.get("name").asText(), expected, Math.abs(actual - expected),
                    Math.abs(actual - expected) / Math.abs(expected), worst, scale);
        }
    }

    @Test
    void theOracleReproducesTheSpecsFigures() {
        JsonNode sets = LossFixtures.multiBranchOracle().get("sets");
        double[] ride = {17.1092, 17.8631, 33.7507, 34.4667};
        for (int i = 0; i < ride.length; i++) {
            assertEquals(ride[i], sets.get(0).get("cases").get(i).get("loss").asDouble(), 1e-4, "RIDE 2.7 case " + i);
        }
        assertEquals(1.02107, sets.get(2).get("cases").get(0).get("loss").asDouble(), 1e-5, "ResLT 4.7 beta 0.995");
        assertEquals(0.647098, sets.get(2).get("cases").get(1).get("loss").asDouble(), 1e-6, "ResLT 4.7 beta 0.3");
    }

    @Test
    void rideConstantsOfTheWorkedExample() {
        ClassStatistics classes = ClassStatistics.of(100, 40, 10, 5);
        assertArrayEquals(new double[] {0.236435, 0.297302, 0.420448, 0.5}, Ldam.margins(classes.counts(), 0.5), 1e-6);
        assertArrayEquals(new double[] {0.119929, 0.298926, 1.19391, 2.38723},
                ClassBalancedWeighting.weights(classes.counts(), 0.9999), 1e-5);
        assertArrayEquals(new double[] {1.0, 0.928251, 0.892377, 0.886398}, RideLoss.temperatures(classes, 0.05, 1), 1e-6);
    }

    /** ResLT's CIFAR-10 groups (methods-multibranch.md 4.2), taken from the class count: M 2..9, T 4..9. */
    @Test
    void resltGroupsOfCifar10ComeFromTheClassCount() {
        int[] cifar10 = new int[10];
        for (int c = 0; c < 10; c++) {
            cifar10[c] = (int) Math.floor(5000 * Math.pow(100, -c / 9.0));
        }
        ResLtLoss loss = (ResLtLoss) LossFixtures.branchLoss("reslt", cifar10);
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, loss.mediumIndicator());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, loss.tailIndicator());
        // A dataset ResLT defines no groups for must name them.
        org.longtail4j.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.longtail4j.BadInputException.class, () -> LossFixtures.branchLoss("reslt", 9, 5, 5, 5));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("needs medium_classes and tail_classes"),
                e.getMessage());
    }

    /**
     * {@code reweight: false} (RIDE + H2T's stage 2) keeps the loss unweighted at temperature 1 at every
     * epoch: the spec's worked example "reweighting off", 17.1092 (lambda -0.45), even at epoch 170.
     */
    @Test
    void rideWithoutReweightingIsTheOffCaseAtEveryEpoch() {
        Loss loss = LossFixtures.branchLoss(Map.of("type", "ride", "reweight", false), 100, 40, 10, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][][] cosines = {
                {{0.6, 0.1, -0.2, 0.0}, {0.1, 0.3, 0.2, 0.4}},
                {{0.5, 0.2, 0.0, -0.1}, {0.0, 0.1, 0.5, 0.3}},
                {{0.7, -0.1, 0.1, 0.2}, {0.2, 0.2, 0.1, 0.6}}};
            List<NDArray> experts = new ArrayList<>();
            for (double[][] e : cosines) {
                experts.add(LossFixtures.matrix(manager, e).mul(30));
            }
            NDArray mean = experts.get(0).add(experts.get(1)).add(experts.get(2)).div(3);
            for (int epoch : new int[] {0, 170}) {
                NDArray value = loss.loss(new ModelOutput(experts, mean), Targets.of(LossFixtures.labels(manager, 0, 3)),
                        LossFixtures.step(ClassStatistics.of(100, 40, 10, 5), epoch));
                assertEquals(17.1092, value.getFloat(), 2e-3, "epoch " + epoch);
            }
        }
    }

    @Test
    void resltGroupsAreTheRarestClasses() {
        int[] cifar = new int[100];
        for (int c = 0; c < 100; c++) {
            cifar[c] = (int) Math.floor(500 * Math.pow(100, -c / 99.0));
        }
        ResLtLoss loss = (ResLtLoss) LossFixtures.branchLoss("reslt", cifar);
        double[] medium = loss.mediumIndicator();
        double[] tail = loss.tailIndicator();
        for (int c = 0; c < 100; c++) {
            assertEquals(c >= 35 ? 1 : 0, medium[c], "M holds labels 35..99: " + c);
            assertEquals(c >= 70 ? 1 : 0, tail[c], "T holds labels 70..99: " + c);
        }
        // ties at the boundary: the lower label counts as rarer (a stable sort by count, then label)
        ResLtLoss tied = (ResLtLoss) LossFixtures.branchLoss(Map.of("type", "reslt", "medium_classes", 2, "tail_classes", 1), 9, 5, 5, 5);
        assertArrayEquals(new double[] {0, 1, 1, 0}, tied.mediumIndicator());
        assertArrayEquals(new double[] {0, 1, 0, 0}, tied.tailIndicator());
    }

    @Test
    void resltEpsilonCapsATerm() {
        JsonNode check = LossFixtures.multiBranchOracle().get("epsilon_check");
        for (double epsilon : new double[] {1e-7, 0}) {
            Loss loss = LossFixtures.branchLoss(Map.of("type", "reslt", "beta", 1.0, "medium_classes", 1,
                    "tail_classes", 0, "ice_epsilon", epsilon), 10, 5, 1);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray z = LossFixtures.matrix(manager, new double[][] {{20, 0, -5}});
                // H and M both hold z: L_ice = (e + e) / 2 = e
                float value = loss.loss(new ModelOutput(List.of(z, z), z.add(z)), Targets.of(LossFixtures.labels(manager, 2)),
                        LossFixtures.step(ClassStatistics.of(10, 5, 1), 0)).getFloat();
                double expected = check.get(epsilon == 0 ? "exact" : "capped").asDouble();
                assertEquals(expected, value, 1e-5 * expected, "epsilon " + epsilon);
                assertEquals(epsilon == 0 ? 25.0000 : 16.1180, value, 1e-4, "the spec's figure");
            }
        }
    }

    @Test
    void resltNeedsItsBranches() {
        Loss loss = LossFixtures.branchLoss("reslt", new int[100]);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.zeros(new ai.djl.ndarray.types.Shape(2, 100));
            assertThrows(IllegalStateException.class, () -> loss.loss(new ModelOutput(List.of(z, z), z), Targets.of(
                    LossFixtures.labels(manager, 0, 1)), LossFixtures.step(ClassStatistics.of(new int[100]), 0)));
        }
    }
}
