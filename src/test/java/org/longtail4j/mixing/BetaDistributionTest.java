package org.longtail4j.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sample moments over 200,000 draws against mean a / (a + b) and variance ab / ((a + b)^2 (a + b +
 * 1)); the bounds are about five standard errors.
 */
class BetaDistributionTest {

    private static final int DRAWS = 200_000;

    private static double[] moments(double a, double b, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = BetaDistribution.sample(random, a, b);
            assertTrue(x >= 0 && x <= 1, "draw " + x + " outside [0, 1]");
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / DRAWS;
        return new double[] {mean, sumSquares / DRAWS - mean * mean};
    }

    @Test
    void beta25() {
        double[] m = moments(2, 5, 1);
        assertEquals(2.0 / 7, m[0], 0.002);
        assertEquals(10.0 / (49 * 8), m[1], 0.0005);
    }

    @Test
    void beta11IsUniform() {
        double[] m = moments(1, 1, 2);
        assertEquals(0.5, m[0], 0.003);
        assertEquals(1.0 / 12, m[1], 0.001);
    }

    @Test
    void beta0202TakesTheSmallShapePath() {
        double[] m = moments(0.2, 0.2, 3);
        assertEquals(0.5, m[0], 0.005);
        assertEquals(0.04 / (0.16 * 1.4), m[1], 0.002);
    }

    @Test
    void tinyShapesStayFinite() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 1000; i++) {
            double x = BetaDistribution.sample(random, 0.001, 0.001);
            assertTrue(x >= 0 && x <= 1, "draw " + x);
        }
    }

    @Test
    void rejectsNonPositiveShapes() {
        SplittableRandom random = new SplittableRandom(5);
        assertThrows(IllegalArgumentException.class, () -> BetaDistribution.sample(random, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> BetaDistribution.sample(random, 1, -1));
    }
}
