package org.longtail4j.data.sampling;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.longtail4j.data.ClassMembers;

/**
 * The two-step draw shared by the class-level samplers: a class with probability proportional to its
 * weight, then one of its positions uniformly, with replacement. Classes without positions are never
 * drawn, whatever their weight.
 */
final class ClassThenInstance {

    private final int size;
    private final int[][] members;
    private final double[] cumulative;

    /**
     * @param labels label of each training position
     * @param numClasses C
     * @param weightOfCount unnormalised weight of a class from its number of positions
     */
    ClassThenInstance(int[] labels, int numClasses, IntToDoubleFunction weightOfCount) {
        if (numClasses < 1) {
            throw new IllegalArgumentException(numClasses + " classes");
        }
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
    }

    /** The draw over {@code context}'s labels and classes. */
    static ClassThenInstance of(SamplerContext context, IntToDoubleFunction weightOfCount) {
        return new ClassThenInstance(context.labels(), context.classes().numClasses(), weightOfCount);
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

    /** N draws, N = the number of training positions. */
    int[] epoch(SplittableRandom random) {
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
