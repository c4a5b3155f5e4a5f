package org.longtail4j.data.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sampler's class frequencies against the class probabilities of
 * fixtures/sampling/sampler_probabilities.json, which sampler_probabilities.py computes with numpy from
 * per-image weights (the references' WeightedRandomSampler view), not from the Java formulas.
 *
 * <p>The draws: 4 epochs of N = 12406 on CIFAR-10-LT at IR 100; 27.877 is the chi-square 0.999 quantile
 * for 9 degrees of freedom (scipy.stats.chi2.ppf(0.999, 9)), so a correct sampler fails one check in a
 * thousand seeds (the seeds are fixed, so the test is deterministic). The instance distribution fails the
 * same check by far, so each check can fail.
 */
class SamplerDistributionTest {

    private static final String CIFAR10 = "CIFAR-10-LT IR 100";
    private static final double CHI2_999_9DOF = 27.877;
    private static final int[] LABELS = SamplingFixtures.labels(SamplingFixtures.COUNTS);
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SamplerDistributionTest.class.getResourceAsStream(
                "/fixtures/sampling/sampler_probabilities.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertArrayEquals(SamplingFixtures.COUNTS, ints(fixture.get("counts").get(CIFAR10)));
    }

    @Test
    void classBalancedAndBalancedRs() {
        checkAgainst("class-balanced", "class-balanced");
        checkAgainst("balanced-rs", "class-balanced");
    }

    @Test
    void squareRoot() {
        checkAgainst("square-root", "square-root");
    }

    @Test
    void reversed() {
        checkAgainst("reversed", "reversed");
    }

    @Test
    void minorityWeighted() {
        checkAgainst(Map.of("type", "minority-weighted", "alpha", 1.0), "minority-weighted alpha 1");
        checkAgainst(Map.of("type", "minority-weighted", "alpha", 0.5), "minority-weighted alpha 0.5");
        checkAgainst(Map.of("type", "minority-weighted", "alpha", 0.0), "minority-weighted alpha 0");
    }

    @Test
    void effectiveNumber() {
        checkAgainst("effective-number", "effective-number beta 0.9999");
        checkAgainst(Map.of("type", "effective-number", "beta", 0.99), "effective-number beta 0.99");
        checkAgainst(Map.of("type", "effective-number", "beta", 0.0), "effective-number beta 0");
    }

    /** The class-aware sampler visits classes in passes: its frequencies are uniform up to one pass. */
    @Test
    void classAware() {
        checkAgainst("class-aware", "class-balanced");
        int[] freq = SamplingFixtures.classFrequencies(
                SamplerRegistry.create("class-aware", SamplingFixtures.context(2, "primary")).epoch(0), LABELS, 10);
        int min = Arrays.stream(freq).min().orElseThrow();
        int max = Arrays.stream(freq).max().orElseThrow();
        assertTrue(max - min <= 4, Arrays.toString(freq));
    }

    /** Every position exactly once: the frequencies are the counts themselves. */
    @Test
    void instance() {
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] positions = SamplerRegistry.create("instance", SamplingFixtures.context(2, "primary")).epoch(epoch);
            assertArrayEquals(SamplingFixtures.COUNTS, SamplingFixtures.classFrequencies(positions, LABELS, 10));
        }
        checkAgainst("instance", "instance");
    }

    /** The class probabilities the weighted samplers draw with, on every count set of the fixture. */
    @Test
    void exactClassProbabilities() {
        fixture.get("counts").fields().forEachRemaining(set -> {
            int[] counts = ints(set.getValue());
            SamplerContext context =
                    SamplingFixtures.context(SamplingFixtures.labels(counts), counts.length, 1, "p", 2);
            JsonNode expected = fixture.get("probabilities").get(set.getKey());
            Map<String, double[]> got = Map.of(
                    "reversed", new ReversedSampler(context).classProbabilities(),
                    "minority-weighted alpha 1", minority(1.0, context),
                    "minority-weighted alpha 0.5", minority(0.5, context),
                    "minority-weighted alpha 0", minority(0.0, context),
                    "effective-number beta 0.9999", effective(0.9999, context),
                    "effective-number beta 0.99", effective(0.99, context),
                    "effective-number beta 0", effective(0.0, context));
            got.forEach((rule, p) -> {
                double[] want = doubles(expected.get(rule));
                for (int c = 0; c < want.length; c++) {
                    assertEquals(want[c], p[c], 1e-12 * want[c], set.getKey() + " " + rule + " class " + c);
                }
            });
        });
    }

    /** methods-multibranch.md 6.5: BBN's reversed-sampler probabilities for counts (100, 40, 10, 5). */
    @Test
    void reversedWorkedExample() {
        int[] counts = {100, 40, 10, 5};
        SamplerContext context = SamplingFixtures.context(SamplingFixtures.labels(counts), 4, 1, "reversed", 8);
        assertArrayEquals(new double[] {0.0298507, 0.0746269, 0.298507, 0.597015},
                new ReversedSampler(context).classProbabilities(), 1e-6);
    }

    private static double[] minority(double alpha, SamplerContext context) {
        MinorityWeightedSampler.Settings settings = new MinorityWeightedSampler.Settings();
        settings.alpha = alpha;
        return new MinorityWeightedSampler(settings, context).classProbabilities();
    }

    private static double[] effective(double beta, SamplerContext context) {
        EffectiveNumberSampler.Settings settings = new EffectiveNumberSampler.Settings();
        settings.beta = beta;
        return new EffectiveNumberSampler(settings, context).classProbabilities();
    }

    /** The spec's values (methods-single.md 7, methods-multibranch.md 6.2) are in the fixture too. */
    @Test
    void fixtureHoldsTheSpecsWorkedValues() {
        JsonNode f = fixture.get("probabilities").get("F-counts");
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, doubles(f.get("minority-weighted alpha 1")), 1e-12);
        assertArrayEquals(new double[] {0.629471, 0.281508, 0.0890207}, doubles(f.get("minority-weighted alpha 0.5")),
                1e-6);
        assertArrayEquals(new double[] {0.819672, 0.163934, 0.0163934}, doubles(f.get("minority-weighted alpha 0")),
                1e-6);
        double[] ir100 = doubles(fixture.get("probabilities").get("CIFAR-100-LT IR 100").get("reversed"));
        assertEquals(0.000438202, ir100[0], 1e-9);
        assertEquals(0.0438202, ir100[99], 1e-7);
    }

    private static void checkAgainst(Object spec, String rule) {
        double[] p = doubles(fixture.get("probabilities").get(CIFAR10).get(rule));
        int[] total = new int[10];
        Sampler sampler = SamplerRegistry.create(spec, SamplingFixtures.context(11, "primary"));
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] freq = SamplingFixtures.classFrequencies(sampler.epoch(epoch), LABELS, 10);
            for (int c = 0; c < 10; c++) {
                total[c] += freq[c];
            }
        }
        double chi2 = SamplingFixtures.chiSquare(total, p);
        assertTrue(chi2 < CHI2_999_9DOF, spec + ": chi2 " + chi2 + " " + Arrays.toString(total));
        if (!rule.equals("instance") && !rule.endsWith("alpha 0") && !rule.endsWith("beta 0")) {
            double[] instance = doubles(fixture.get("probabilities").get(CIFAR10).get("instance"));
            double far = SamplingFixtures.chiSquare(total, instance);
            assertTrue(far > 3 * CHI2_999_9DOF, spec + " looks like instance: chi2 " + far);
        }
    }

    static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    static JsonNode fixture() {
        return fixture;
    }
}
