package org.longtail4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.longtail4j.BadInputException;
import org.longtail4j.methods.Prediction;
import org.longtail4j.methods.Predictions;
import org.longtail4j.models.ModelOutput;

/**
 * RIDE's router loss (targets q_i and the positive-weighted BCE) and the routed prediction against
 * fixtures/router/router.json (router_oracle.py beside it, float64 PyTorch): a hand-made batch whose
 * samples cover every pattern of right prefixes, seeded random batches with 3 and 4 experts, and another
 * positive weight.
 */
class RideRouterOracleTest {

    static JsonNode oracle() {
        try (InputStream in = RideRouterOracleTest.class.getResourceAsStream("/fixtures/router/router.json")) {
            return LossFixtures.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> targetsLossAndRoutingMatchTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : oracle().get("losses")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        int classes = c.get("experts").get(0).get(0).size();
        int[] counts = new int[classes];
        java.util.Arrays.fill(counts, 5);
        Loss loss = LossFixtures.branchLoss(Map.of("type", "ride-router", "positive_weight",
                c.get("positive_weight").asDouble()), counts);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> experts = experts(manager, c);
            List<NDArray> routers = routers(manager, c);
            NDArray labels = LossFixtures.labels(manager, c.get("labels"));
            List<NDArray> targets = RideRouterLoss.goOnTargets(experts, labels);
            for (int i = 0; i < targets.size(); i++) {
                assertArrayEquals(LossFixtures.MAPPER.convertValue(c.get("targets").get(i), float[].class),
                        targets.get(i).toFloatArray(), "targets of router " + (i + 1));
            }
            NDArray mean = experts.get(0);
            for (int k = 1; k < experts.size(); k++) {
                mean = mean.add(experts.get(k));
            }
            ModelOutput output = new ModelOutput(experts, mean.div(experts.size()), routers);
            float value = loss.loss(output, Targets.of(labels), LossFixtures.step(null, 0)).getFloat();
            double expected = c.get("loss").asDouble();
            assertEquals(expected, value, 1e-5 * Math.max(1, Math.abs(expected)), "loss");

            Prediction routed = Predictions.PREDICTIONS.bind("prediction", "routed").create(null);
            assertArrayEquals(LossFixtures.MAPPER.convertValue(c.get("experts_used"), float[].class),
                    routed.expertsUsed(output).toFloatArray(), "experts used");
            float[] scores = routed.scores(output).toFloatArray();
            double[][] want = LossFixtures.MAPPER.convertValue(c.get("routed_scores"), double[][].class);
            for (int b = 0; b < want.length; b++) {
                for (int k = 0; k < classes; k++) {
                    assertEquals(want[b][k], scores[b * classes + k], 1e-5, "routed score of sample " + b);
                }
            }
        }
    }

    /** The oracle case's expert logits, one matrix per expert. */
    private static List<NDArray> experts(NDManager manager, JsonNode c) {
        List<NDArray> experts = new ArrayList<>();
        for (JsonNode z : c.get("experts")) {
            experts.add(LossFixtures.matrix(manager, z));
        }
        return experts;
    }

    /** The oracle case's router logits, one vector per router. */
    private static List<NDArray> routers(NDManager manager, JsonNode c) {
        List<NDArray> routers = new ArrayList<>();
        for (JsonNode r : c.get("routers")) {
            routers.add(manager.create(LossFixtures.MAPPER.convertValue(r, float[].class)));
        }
        return routers;
    }

    @Test
    void withoutARouterTheLossSaysWhatIsMissing() {
        Loss loss = LossFixtures.branchLoss("ride-router", 5, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = LossFixtures.matrix(manager, new double[][] {{1, 0}});
            BadInputException e = assertThrows(BadInputException.class, () -> loss.loss(
                    new ModelOutput(List.of(z, z), z), Targets.of(LossFixtures.labels(manager, 0)),
                    LossFixtures.step(null, 0)));
            assertEquals("loss ride-router needs RIDE's router: add edits: {add-router: {}} to the stage (method "
                    + "ride-router)", e.getMessage());
        }
    }

    @Test
    void aMixedBatchWeighsTheTwoLabelSets() {
        JsonNode c = oracle().get("losses").get(0);
        Loss loss = LossFixtures.branchLoss("ride-router", 5, 5, 5, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> experts = experts(manager, c);
            List<NDArray> routers = routers(manager, c);
            ModelOutput output = new ModelOutput(experts, experts.get(0), routers);
            NDArray y = LossFixtures.labels(manager, c.get("labels"));
            NDArray other = LossFixtures.labels(manager, 3, 3, 3, 3, 3);
            float a = loss.loss(output, Targets.of(y), LossFixtures.step(null, 0)).getFloat();
            float b = loss.loss(output, Targets.of(other), LossFixtures.step(null, 0)).getFloat();
            float mixed = loss.loss(output, new Targets(y, other, 0.25), LossFixtures.step(null, 0)).getFloat();
            assertEquals(0.25 * a + 0.75 * b, mixed, 1e-4);
        }
    }
}
