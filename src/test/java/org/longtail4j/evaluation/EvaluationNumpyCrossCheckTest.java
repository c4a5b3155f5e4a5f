package org.longtail4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassGroups;

/**
 * The metrics against fixtures/metrics_fixture.json, computed by metrics_fixture.py with numpy from the
 * same inputs (300 samples, 12 classes, one class without test images, a fifth of the rows full of tied
 * scores, one row with confidence exactly 1). The tie rule matters on this data: ranking ties by the
 * highest index instead would give top-1 24.67 and top-5 62.33 instead of 24.00 and 63.67.
 */
class EvaluationNumpyCrossCheckTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode fixture;
    private static JsonNode expected;
    private static int classes;
    private static float[] probabilities;
    private static int[] labels;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EvaluationNumpyCrossCheckTest.class.getResourceAsStream("/fixtures/metrics_fixture.json")) {
            fixture = MAPPER.readTree(in);
        }
        expected = fixture.get("expected");
        classes = fixture.get("classes").asInt();
        labels = MAPPER.convertValue(fixture.get("labels"), int[].class);
        probabilities = new float[labels.length * classes];
        int i = 0;
        for (JsonNode row : fixture.get("probabilities")) {
            for (JsonNode x : row) {
                // the fixture stores each float32 as the double of the same value: the cast is exact
                probabilities[i++] = (float) x.asDouble();
            }
        }
        assertEquals(probabilities.length, i);
    }

    private static ClassGroups groups() {
        int[] trainCounts = MAPPER.convertValue(fixture.get("train_counts"), int[].class);
        return ClassGroups.thresholds(trainCounts);
    }

    @Test
    void groupsMatch() {
        ClassGroups groups = groups();
        assertEquals(ints(expected.get("groups").get("many")), groups.many());
        assertEquals(ints(expected.get("groups").get("medium")), groups.medium());
        assertEquals(ints(expected.get("groups").get("few")), groups.few());
    }

    @Test
    void metricsMatchNumpyWhenAddedInBatches() {
        EvaluationAccumulator acc = new EvaluationAccumulator(groups());
        int batch = 64;
        for (int from = 0; from < labels.length; from += batch) {
            int to = Math.min(from + batch, labels.length);
            acc.add(Arrays.copyOfRange(probabilities, from * classes, to * classes), Arrays.copyOfRange(labels, from, to));
        }
        EvaluationResult r = acc.result();
        assertEquals(labels.length, r.samples());
        assertEquals(expected.get("top1").asDouble(), r.top1(), 1e-9);
        assertEquals(expected.get("top5").asDouble(), r.top5(), 1e-9);
        assertEquals(expected.get("top5_k").asInt(), r.top5K());
        assertEquals(expected.get("many").asDouble(), r.many(), 1e-9);
        assertEquals(expected.get("medium").asDouble(), r.medium(), 1e-9);
        assertEquals(expected.get("few").asDouble(), r.few(), 1e-9);
        assertEquals(expected.get("ece").asDouble(), r.ece(), 1e-9);
        JsonNode perClass = expected.get("per_class");
        for (int c = 0; c < classes; c++) {
            if (perClass.get(c).isNull()) {
                assertTrue(Double.isNaN(r.perClass().get(c)), "class " + c);
            } else {
                assertEquals(perClass.get(c).asDouble(), r.perClass().get(c), 1e-9, "class " + c);
            }
        }
        assertArrayEquals(MAPPER.convertValue(expected.get("confusion"), int[][].class), r.confusion());
    }

    @Test
    void binEdgesAndBinOfEverySampleMatchNumpy() {
        double[] edges = MAPPER.convertValue(fixture.get("bin_edges"), double[].class);
        assertEquals(ConfidenceBins.COUNT + 1, edges.length);
        for (int b = 0; b < ConfidenceBins.COUNT; b++) {
            assertEquals(edges[b + 1], ConfidenceBins.upperEdge(b), 0.0, "edge " + (b + 1));
        }
        int[] bins = MAPPER.convertValue(expected.get("bins"), int[].class);
        for (int i = 0; i < labels.length; i++) {
            float max = probabilities[i * classes];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, probabilities[i * classes + c]);
            }
            assertEquals(bins[i], ConfidenceBins.of(max), "sample " + i);
        }
    }

    private static List<Integer> ints(JsonNode array) {
        return Arrays.asList(MAPPER.convertValue(array, Integer[].class));
    }
}
