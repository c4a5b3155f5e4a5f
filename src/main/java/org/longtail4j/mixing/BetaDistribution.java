package org.longtail4j.mixing;

import java.util.random.RandomGenerator;

/**
 * Draws from the Beta distribution with a caller's seeded generator, so mixup's lambdas replay
 * exactly from a run's seed (and from a checkpoint's generator state).
 *
 * <p>Beta(a, b) = X / (X + Y) with X ~ Gamma(a) and Y ~ Gamma(b). The gamma draws use Marsaglia and
 * Tsang's squeeze method (2000) for shapes >= 1 and the boost Gamma(s) = Gamma(s + 1) * U^(1/s) for
 * shapes < 1. They are kept as logarithms: with small shapes both draws can underflow to 0, which
 * would make X / (X + Y) 0/0, while their difference of logarithms stays finite.
 */
public final class BetaDistribution {

    private BetaDistribution() {}

    /** One draw from Beta(a, b), a and b > 0. */
    public static double sample(RandomGenerator random, double a, double b) {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("Beta shapes must be > 0, got " + a + " and " + b);
        }
        double logX = logGamma(random, a);
        double logY = logGamma(random, b);
        return 1 / (1 + Math.exp(logY - logX));
    }

    /** The logarithm of one draw from Gamma(shape, scale 1). */
    private static double logGamma(RandomGenerator random, double shape) {
        if (shape < 1) {
            double u = 1 - random.nextDouble(); // in (0, 1]: log(u) is finite
            return logGamma(random, shape + 1) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }
}
