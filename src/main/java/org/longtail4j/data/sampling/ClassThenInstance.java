package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.longtail4j.data.ClassMembers;

/**
 * The sampler shape shared by the class-level samplers (class-balanced, square-root, reversed,
 * minority-weighted, effective-number): each of the N slots of an epoch draws a class with probability
 * proportional to its weight, then one of its positions uniformly, with replacement, from the epoch's
 * stream of the sampler's context. Classes without positions are never drawn, whatever their weight.
 * Each subclass only names the weight of a class from its count.
 */
abstract class ClassThenInstance implements Sampler {

    private final int size;
    private final int[][] members;
    private final double[] cumulative;
    private final IntFunction<SplittableRandom> random;

    /**
     * @param context the labels, classes and random stream the sampler walks
     * @param weightOfCount unnormalised weight of a class from its number of positions
     */
    ClassThenInstance(SamplerContext context, IntToDoubleFunction weightOfCount) {
        int[] labels = context.labels();
        int numClasses = context.classes().numClasses();
        size = labels.length;
        members = ClassMembers.positionsByLabel(labels, numClasses);
        cumulative = new double[numClasses];
        double total = 0;
        for (int c = 0; c < numClasses; c++) {
            int count = members[c].length;
            double weight = count > 0 ? weightOfCount.applyAsDouble(count) : 0;
            if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("class " + c + " (" + count + " positions) has weight " + weight);
            }
            total += weight;
            cumulative[c] = total;
        }
        random = EpochRandom.of(context);
    }

    /** The probability of drawing each class in one slot (0 for a class without positions). */
    double[] classProbabilities() {
        double total = cumulative[cumulative.length - 1];
        double[] p = new double[cumulative.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = (cumulative[c] - (c == 0 ? 0 : cumulative[c - 1])) / total;
        }
        return p;
    }

    /** N draws, N = the number of training positions, from epoch {@code epoch}'s stream. */
    @Override
    public int[] epoch(int epoch) {
        SplittableRandom random = this.random.apply(epoch);
        int[] positions = new int[size];
        double total = cumulative[cumulative.length - 1];
        for (int i = 0; i < size; i++) {
            double u = random.nextDouble() * total;
            int c = firstAbove(u);
            int[] pool = members[c];
            positions[i] = pool[random.nextInt(pool.length)];
        }
        return positions;
    }

    /** Smallest class whose cumulative weight exceeds u (skips zero-weight classes). */
    private int firstAbove(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
