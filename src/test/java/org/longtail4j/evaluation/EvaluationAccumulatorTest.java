package org.longtail4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassGroups;

class EvaluationAccumulatorTest {

    /**
     * Five two-class rows, worked by hand:
     * [0.9, 0.1] true 0 (right), [0.9, 0.1] true 1 (wrong): bin (13/15, 14/15], accuracy 0.5, confidence 0.9;
     * [0.5, 0.5] true 0 twice: the tie goes to class 0 (right), bin (7/15, 8/15], accuracy 1, confidence 0.5;
     * [0.3, 0.7] true 1 (right): bin (10/15, 11/15], accuracy 1, confidence 0.7.
     * ECE = (0.4 * 2 + 0.5 * 2 + 0.3 * 1) / 5 = 0.42 -> 42 %.
     */
    static final float[] TWO_CLASS = {0.9f, 0.1f, 0.9f, 0.1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.3f, 0.7f};
    static final int[] TWO_CLASS_LABELS = {0, 1, 0, 0, 1};

    @Test
    void aboveTheLimitPerClassAccuracyWithoutTheMatrix() {
        // 1001 classes: sample i is class i % 3 (classes 0..2 only), predicted class i % 2
        int classes = EvaluationAccumulator.MAX_CONFUSION_CLASSES + 1;
        int n = 6;
        float[] scores = new float[n * classes];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            scores[i * classes + i % 2] = 1;
        }
        EvaluationResult r = EvaluationAccumulator.evaluate(scores, labels, ClassGroups.ranges(classes, 1, 2));
        assertEquals(0, r.confusion().length, "no matrix above the limit");
        // class 0: samples 0, 3 predicted 0, 1 -> 50 %; class 1: samples 1, 4 predicted 1, 0 -> 50 %;
        // class 2: samples 2, 5 predicted 0, 1 -> 0 %
        assertEquals(Arrays.asList(50.0, 50.0, 0.0), r.perClass().subList(0, 3));
        assertTrue(Double.isNaN(r.perClass().get(3)), "a class without test images");
        assertEquals(100.0 * 2 / 6, r.top1(), 1e-12);
    }

    @Test
    void twoClassExampleByHand() {
        EvaluationResult r = EvaluationAccumulator.evaluate(TWO_CLASS, TWO_CLASS_LABELS, ClassGroups.ranges(2, 1, 2));
        assertEquals(5, r.samples());
        assertEquals(80.0, r.top1(), 1e-12);
        assertEquals(2, r.top5K());
        assertEquals(100.0, r.top5(), 1e-12);
        // float 0.9f and 0.7f are 0.9 and 0.7 within 3e-8
        assertEquals(42.0, r.ece(), 1e-5);
        assertArrayEquals(new int[][] {{3, 0}, {1, 1}}, r.confusion());
        assertEquals(Arrays.asList(100.0, 50.0), r.perClass());
        assertEquals(100.0, r.many(), 1e-12);
        assertEquals(50.0, r.medium(), 1e-12);
        assertTrue(Double.isNaN(r.few()));
        assertEquals("top-1 80.00%, top-2 100.00%, many 100.00% / medium 50.00% / few NaN%, ECE 42.00% "
                + "(5 samples; ranges: many [0, 1), medium [1, 2), few [2, 2))", r.toString());
    }

    /**
     * The reliability bins of the hand-worked example: bin 13 (13/15, 14/15] holds the two 0.9 rows (accuracy
     * 50 %, confidence 90 %), bin 7 the two ties (100 %, 50 %), bin 10 the 0.7 row (100 %, 70 %); the other
     * twelve are empty. Their count-weighted gaps give back the ECE.
     */
    @Test
    void reliabilityBinsOfTheHandExample() {
        EvaluationResult r = EvaluationAccumulator.evaluate(TWO_CLASS, TWO_CLASS_LABELS, ClassGroups.ranges(2, 1, 2));
        assertEquals(15, r.reliability().size());
        assertEquals(0.0, r.reliability().get(0).lower());
        assertEquals(1.0, r.reliability().get(14).upper());
        assertEquals(13.0 / 15, r.reliability().get(13).lower(), 1e-12);
        double ece = 0;
        for (int b = 0; b < 15; b++) {
            ReliabilityBin bin = r.reliability().get(b);
            long expected = b == 13 || b == 7 ? 2 : b == 10 ? 1 : 0;
            assertEquals(expected, bin.count(), "bin " + b);
            if (expected == 0) {
                assertTrue(Double.isNaN(bin.accuracy()) && Double.isNaN(bin.confidence()), "bin " + b);
            } else {
                ece += Math.abs(bin.accuracy() - bin.confidence()) * bin.count() / 5;
            }
        }
        assertEquals(50.0, r.reliability().get(13).accuracy(), 1e-12);
        assertEquals(90.0, r.reliability().get(13).confidence(), 1e-5);
        assertEquals(100.0, r.reliability().get(7).accuracy(), 1e-12);
        assertEquals(50.0, r.reliability().get(7).confidence(), 1e-5);
        assertEquals(70.0, r.reliability().get(10).confidence(), 1e-5);
        assertEquals(r.ece(), ece, 1e-9);
        assertTrue(new ObjectMapper().valueToTree(r).get("reliability").get(0).get("accuracy").isNull(),
                "an empty bin is written as null, not NaN");
    }

    /** One bin only: every row has confidence 0.8 and 3 of 4 are right, so ECE = |0.75 - 0.8| = 5 %. */
    @Test
    void singleBinCalibration() {
        float[] p = {0.8f, 0.2f, 0.8f, 0.2f, 0.2f, 0.8f, 0.2f, 0.8f};
        EvaluationResult r = EvaluationAccumulator.evaluate(p, new int[] {0, 0, 1, 0}, ClassGroups.ranges(2, 1, 2));
        assertEquals(75.0, r.top1(), 1e-12);
        assertEquals(5.0, r.ece(), 1e-5);
    }

    /**
     * Eight classes, rows [0.3, 0.1 x 7] and [0.125 x 8]. Ties rank by index, so in the first row the
     * top-5 is {0, 1, 2, 3, 4}: true 4 is a hit, true 5 and 7 are not; in the uniform row top-5 is
     * {0..4} again. Top-1 always predicts class 0.
     */
    @Test
    void topFiveWithTies() {
        float[] peaked = {0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        float[] flat = new float[8];
        Arrays.fill(flat, 0.125f);
        float[] p = concat(peaked, peaked, peaked, peaked, flat, flat);
        int[] labels = {4, 5, 0, 7, 4, 5};
        EvaluationResult r = EvaluationAccumulator.evaluate(p, labels, ClassGroups.ranges(8, 3, 6));
        assertEquals(5, r.top5K());
        assertEquals(50.0, r.top5(), 1e-12);
        assertEquals(100.0 / 6, r.top1(), 1e-12);
        // every row predicts class 0: true 0 once, 4 twice, 5 twice, 7 once
        int[] firstColumn = Arrays.stream(r.confusion()).mapToInt(row -> row[0]).toArray();
        assertArrayEquals(new int[] {1, 0, 0, 0, 2, 2, 0, 1}, firstColumn);
        assertEquals(6, Arrays.stream(r.confusion()).flatMapToInt(Arrays::stream).sum());
    }

    /**
     * Five classes in groups many {0, 1}, medium {2, 3}, few {4}. Per class: 1 of 2 (50 %), 1 of 1 (100 %),
     * no test image (NaN), 0 of 1 (0 %), 1 of 4 (25 %). Group means are over classes, not samples, and skip
     * the class without images: many 75 (sample-weighted would be 66.7), medium 0, few 25.
     */
    @Test
    void groupAccuracyIsTheMeanOfPerClassAccuracies() {
        int[] labels = {0, 0, 1, 3, 4, 4, 4, 4};
        int[] predicted = {0, 1, 1, 4, 4, 0, 1, 2};
        EvaluationResult r = EvaluationAccumulator.evaluate(confident(5, predicted), labels, ClassGroups.ranges(5, 2, 4));
        assertEquals(37.5, r.top1(), 1e-12);
        assertEquals(50.0, r.perClass().get(0), 1e-12);
        assertEquals(100.0, r.perClass().get(1), 1e-12);
        assertTrue(Double.isNaN(r.perClass().get(2)));
        assertEquals(0.0, r.perClass().get(3), 1e-12);
        assertEquals(25.0, r.perClass().get(4), 1e-12);
        assertEquals(75.0, r.many(), 1e-12);
        assertEquals(0.0, r.medium(), 1e-12);
        assertEquals(25.0, r.few(), 1e-12);
    }

    @Test
    void threeClassesUseTopThree() {
        int[] labels = {0, 2, 2};
        EvaluationResult r = EvaluationAccumulator.evaluate(confident(3, new int[] {1, 1, 2}), labels,
                ClassGroups.ranges(3, 1, 2));
        assertEquals(3, r.top5K());
        assertEquals(100.0, r.top5(), 1e-12);
        assertEquals(100.0 / 3, r.top1(), 1e-12);
        assertTrue(Double.isNaN(r.perClass().get(1)));
        assertTrue(Double.isNaN(r.medium()));
    }

    @Test
    void binEdgesGoToTheLowerBin() {
        for (int k = 1; k <= 14; k++) {
            assertEquals(k - 1, ConfidenceBins.of(k * (1.0 / 15)), "edge " + k);
            assertEquals(k, ConfidenceBins.of(Math.nextUp(k * (1.0 / 15))), "just above edge " + k);
        }
        assertEquals(14, ConfidenceBins.of(1.0));
        assertEquals(14, ConfidenceBins.of(1.0f));
        assertEquals(0, ConfidenceBins.of(Math.nextUp(0.0)));
        // float 0.2f is 0.2000000030 > 3/15 in double, so it sits in (3/15, 4/15]
        assertEquals(3, ConfidenceBins.of(0.2f));
    }

    @Test
    void batchesAddUpToTheWhole() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        int n = 503;
        int c = 11;
        float[] p = new float[n * c];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] row = new double[c];
            for (int j = 0; j < c; j++) {
                row[j] = Math.exp(3 * random.nextDouble());
                sum += row[j];
            }
            for (int j = 0; j < c; j++) {
                p[i * c + j] = (float) (row[j] / sum);
            }
            labels[i] = random.nextInt(c);
        }
        ClassGroups groups = ClassGroups.thirds(new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1});
        EvaluationResult whole = EvaluationAccumulator.evaluate(p, labels, groups);
        EvaluationAccumulator acc = new EvaluationAccumulator(groups);
        int[] cuts = {0, 1, 129, 256, 500, 503};
        for (int b = 0; b + 1 < cuts.length; b++) {
            acc.add(Arrays.copyOfRange(p, cuts[b] * c, cuts[b + 1] * c), Arrays.copyOfRange(labels, cuts[b], cuts[b + 1]));
        }
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.writeValueAsString(whole), mapper.writeValueAsString(acc.result()));
        assertEquals(n, Arrays.stream(whole.confusion()).flatMapToInt(Arrays::stream).sum());
    }

    @Test
    void jsonHasSnakeCaseKeysAndNullForNaN() throws Exception {
        // the two-class example with a third class that has no test images and score 0 everywhere
        float[] p = new float[15];
        for (int i = 0; i < 5; i++) {
            p[3 * i] = TWO_CLASS[2 * i];
            p[3 * i + 1] = TWO_CLASS[2 * i + 1];
        }
        EvaluationResult r = EvaluationAccumulator.evaluate(p, TWO_CLASS_LABELS, ClassGroups.ranges(3, 1, 2));
        String json = new ObjectMapper().writeValueAsString(r);
        assertTrue(!json.contains("NaN"), json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals(80.0, node.get("top1").asDouble(), 1e-12);
        assertEquals(100.0, node.get("top5").asDouble(), 1e-12);
        assertEquals(3, node.get("top5_k").asInt());
        assertEquals(100.0, node.get("many").asDouble(), 1e-12);
        assertEquals(50.0, node.get("medium").asDouble(), 1e-12);
        assertTrue(node.get("few").isNull());
        assertEquals(42.0, node.get("ece").asDouble(), 1e-5);
        assertEquals("[100.0,50.0,null]", node.get("per_class").toString());
        assertEquals("[[3,0,0],[1,1,0],[0,0,0]]", node.get("confusion").toString());
        assertEquals("ranges: many [0, 1), medium [1, 2), few [2, 3)", node.get("split").get("rule").asText());
        assertEquals("[2]", node.get("split").get("few").toString());
        assertEquals(5, node.get("samples").asInt());
    }

    @Test
    void badInputsAreRejected() {
        ClassGroups groups = ClassGroups.ranges(2, 1, 2);
        EvaluationAccumulator acc = new EvaluationAccumulator(groups);
        assertThrows(IllegalStateException.class, acc::result);
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[3], new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[] {0.5f, 0.5f}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[] {Float.NaN, 0.5f}, new int[] {0}));
        acc.add(new float[] {0.4f, 0.6f}, new int[] {1});
        assertEquals(1, acc.result().samples());
    }

    @Test
    void resultIsASnapshot() {
        EvaluationAccumulator acc = new EvaluationAccumulator(ClassGroups.ranges(2, 1, 2));
        acc.add(new float[] {0.4f, 0.6f}, new int[] {1});
        EvaluationResult first = acc.result();
        acc.add(new float[] {0.4f, 0.6f}, new int[] {0});
        assertArrayEquals(new int[][] {{0, 0}, {0, 1}}, first.confusion());
        assertEquals(50.0, acc.result().top1(), 1e-12);
        first.confusion()[0][0] = 9;
        assertEquals(0, first.confusion()[0][0]);
    }

    /** Rows with 0.6 on the predicted class and the rest spread evenly. */
    private static float[] confident(int classes, int[] predicted) {
        float[] p = new float[predicted.length * classes];
        for (int i = 0; i < predicted.length; i++) {
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = c == predicted[i] ? 0.6f : 0.4f / (classes - 1);
            }
        }
        return p;
    }

    private static float[] concat(float[]... rows) {
        float[] all = new float[Arrays.stream(rows).mapToInt(r -> r.length).sum()];
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, all, at, row.length);
            at += row.length;
        }
        return all;
    }
}
