package org.longtail4j.data;

import org.longtail4j.BadInputException;

/**
 * How many training images each frequency rank keeps when a balanced set is cut down to a long tail.
 *
 * <p>Rank 0 is the most frequent class; which label sits at which rank is decided separately by a
 * {@link ClassOrder}. Two shapes are supported because the literature uses both:
 *
 * <ul>
 *   <li>exponential: rank r of C keeps {@code floor(nMax * IR^(-r / (C - 1)))}, computed in double
 *       exactly like numpy's {@code n_max * IR ** (-r / (C - 1))} so the CIFAR-LT totals of the reference
 *       code come out the same (CIFAR-100, IR 100: 10,847 images);
 *   <li>step: the first {@code floor(C / 2)} ranks keep {@code nMax}, the others {@code floor(nMax / IR)}
 *       (with an odd C the extra class goes to the rare half, as in the reference code's loop over
 *       {@code C // 2} head classes).
 * </ul>
 *
 * <p>IR = n_max / n_min is the imbalance ratio; it must be at least 1, and at most nMax so that the rarest
 * class keeps at least one image.
 */
public final class LongTailProfile {

    private final boolean exponential;
    private final double imbalanceRatio;

    private LongTailProfile(boolean exponential, double imbalanceRatio) {
        if (!(imbalanceRatio >= 1) || Double.isInfinite(imbalanceRatio)) {
            throw new BadInputException("imbalance ratio " + imbalanceRatio
                    + ": expected a finite number >= 1 (n_max / n_min)");
        }
        this.exponential = exponential;
        this.imbalanceRatio = imbalanceRatio;
    }

    /** Counts decay geometrically from nMax at rank 0 to nMax / IR at the last rank. */
    public static LongTailProfile exponential(double imbalanceRatio) {
        return new LongTailProfile(true, imbalanceRatio);
    }

    /** Half the ranks keep nMax, the other half nMax / IR. */
    public static LongTailProfile step(double imbalanceRatio) {
        return new LongTailProfile(false, imbalanceRatio);
    }

    public double imbalanceRatio() {
        return imbalanceRatio;
    }

    /**
     * Images kept per rank.
     *
     * @param nMax images per class in the balanced set (count of rank 0)
     * @param numClasses C
     * @return C counts, index = rank, non-increasing
     */
    public int[] countsByRank(int nMax, int numClasses) {
        if (nMax < 1 || numClasses < 1) {
            throw new IllegalArgumentException(nMax + " images per class, " + numClasses + " classes");
        }
        if (imbalanceRatio > nMax) {
            throw new BadInputException("imbalance ratio " + imbalanceRatio + " leaves the rarest class with "
                    + "floor(" + nMax + " / " + imbalanceRatio + ") = 0 images; expected a ratio <= " + nMax
                    + " (the per-class count of the balanced set)");
        }
        int[] counts = new int[numClasses];
        for (int rank = 0; rank < numClasses; rank++) {
            counts[rank] = exponential ? exponentialCount(nMax, rank, numClasses) : stepCount(nMax, rank, numClasses);
        }
        return counts;
    }

    private int exponentialCount(int nMax, int rank, int numClasses) {
        if (numClasses == 1) {
            return nMax;
        }
        // Same operations, same order as numpy: exponent first, then pow, then the product, then floor.
        double exponent = -rank / (double) (numClasses - 1);
        return (int) Math.floor(nMax * StrictMath.pow(imbalanceRatio, exponent));
    }

    private int stepCount(int nMax, int rank, int numClasses) {
        return rank < numClasses / 2 ? nMax : (int) Math.floor(nMax / imbalanceRatio);
    }

    /** For reports and split descriptions: "exponential, IR 100" or "step, IR 10". */
    public String description() {
        return (exponential ? "exponential" : "step") + ", IR " + formatRatio(imbalanceRatio);
    }

    private static String formatRatio(double ratio) {
        return ratio == Math.rint(ratio) ? Long.toString((long) ratio) : Double.toString(ratio);
    }

    @Override
    public String toString() {
        return description();
    }
}
