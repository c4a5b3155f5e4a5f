package org.longtail4j.training;

import java.util.Arrays;

/**
 * Linear warm-up, then step decay at fixed epochs, per epoch: the stage-1 schedule of the CIFAR
 * long-tailed recipes.
 *
 * <p>The convention is the reference code's ({@code adjust_learning_rate} in Keke921/H2T and
 * kaidic/LDAM-DRW), which counts epochs from 1: with {@code e1 = epoch + 1},
 *
 * <pre>
 * e1 &lt;= warmupEpochs:  lr = base * e1 / warmupEpochs     (0.02, 0.04, ..., 0.1 for base 0.1, 5 epochs)
 * otherwise:           lr = base * gamma^k, k = number of milestones m with e1 &gt; m
 * </pre>
 *
 * Warm-up wins over decay, and a milestone m first applies to 0-indexed epoch m (the (m+1)-th
 * epoch). H2T stage 1: milestones 160 and 180, gamma 0.1 (x0.1 from epoch index 160, x0.01 from
 * 180). LDAM-DRW uses the same milestones with gamma 0.01 (x0.01, then x0.0001).
 */
public final class WarmupMultiStep implements LrSchedule {

    private final double base;
    private final int warmupEpochs;
    private final double warmupFrom;
    private final int[] milestones;
    private final double gamma;

    /**
     * @param base the rate after warm-up and before the first milestone
     * @param warmupEpochs epochs of linear warm-up, 0 for none
     * @param milestones 1-indexed epochs after which the rate is multiplied by gamma
     * @param gamma the factor applied at each milestone
     */
    public WarmupMultiStep(double base, int warmupEpochs, int[] milestones, double gamma) {
        this(base, warmupEpochs, 0, milestones, gamma);
    }

    /**
     * @param warmupFrom the warm-up's starting fraction s: lr = base (s (1 - e1 / W) + e1 / W) for the
     *     1-indexed epochs e1 = 1..W (ResLT and BBN start from s = 1/3: 0.0466667, 0.06, ... for base 0.1)
     */
    public WarmupMultiStep(double base, int warmupEpochs, double warmupFrom, int[] milestones, double gamma) {
        if (!(base >= 0) || warmupEpochs < 0 || !(gamma >= 0) || !(warmupFrom >= 0 && warmupFrom <= 1)) {
            throw new IllegalArgumentException(
                    "need base >= 0, warmupEpochs >= 0, gamma >= 0; got " + base + ", " + warmupEpochs
                            + ", " + gamma);
        }
        this.base = base;
        this.warmupEpochs = warmupEpochs;
        this.warmupFrom = warmupFrom;
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    public double lr(int epoch, int iteration, int iterationsPerEpoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        int e1 = epoch + 1;
        if (e1 <= warmupEpochs) {
            double progress = (double) e1 / warmupEpochs;
            return base * (warmupFrom * (1 - progress) + progress);
        }
        long passed = Arrays.stream(milestones).filter(m -> e1 > m).count();
        return base * Math.pow(gamma, passed);
    }
}
