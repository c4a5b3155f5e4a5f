package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules of the H2T recipe (h2t.md), at the epochs where they change. */
class LrScheduleTest {

    private static final double EPS = 1e-12;

    /** H2T stage 1: base 0.1, 5 warm-up epochs, x0.1 after epoch 160, x0.01 after 180 (1-indexed). */
    private final LrSchedule stage1 = new WarmupMultiStep(0.1, 5, new int[] {160, 180}, 0.1);

    @Test
    void warmUpClimbsToTheBaseRateByFifths() {
        double[] expected = {0.02, 0.04, 0.06, 0.08, 0.1};
        for (int epoch = 0; epoch < 5; epoch++) {
            assertEquals(expected[epoch], stage1.lr(epoch, 0, 98), EPS, "epoch " + epoch);
        }
        assertEquals(0.1, stage1.lr(5, 0, 98), EPS);
    }

    @Test
    void decaysAtTheMilestonesCountedFromOne() {
        assertEquals(0.1, stage1.lr(159, 0, 98), EPS);
        assertEquals(0.01, stage1.lr(160, 0, 98), EPS);
        assertEquals(0.01, stage1.lr(179, 0, 98), EPS);
        assertEquals(0.001, stage1.lr(180, 0, 98), EPS);
        assertEquals(0.001, stage1.lr(199, 97, 98), EPS);
    }

    @Test
    void ldamDrwConventionIsGammaOneHundredth() {
        LrSchedule ldam = new WarmupMultiStep(0.1, 5, new int[] {160, 180}, 0.01);
        assertEquals(0.1, ldam.lr(159, 0, 98), EPS);
        assertEquals(0.001, ldam.lr(160, 0, 98), EPS);
        assertEquals(0.00001, ldam.lr(180, 0, 98), EPS);
    }

    @Test
    void perEpochScheduleIgnoresTheIteration() {
        assertEquals(stage1.lr(2, 0, 98), stage1.lr(2, 97, 98));
        assertEquals(stage1.lr(170, 0, 98), stage1.lr(170, 50, 98));
    }

    @Test
    void cosineOverTenEpochsFromPeak002() {
        // 0.01 * (1 + cos(pi * e / 10)), with cos(pi/10) = 0.9510565163, cos(pi/5) = 0.8090169944,
        // cos(3pi/10) = 0.5877852523, cos(2pi/5) = 0.3090169944, cos(pi/2) = 0 and the mirror images
        double[] expected = {
            0.02, 0.019510565163, 0.018090169944, 0.015877852523, 0.013090169944,
            0.01, 0.006909830056, 0.004122147477, 0.001909830056, 0.000489434837
        };
        assertPerEpochOverTenEpochs(expected, Cosine.perEpoch(0.02, 10));
    }

    @Test
    void cosineSteppedBeforeEachEpochStartsBelowThePeakAndEndsAtZero() {
        // cRT's reference steps its cosine before every epoch: epoch e (0-based) runs at 0.01 * (1 + cos(pi (e+1) / 10))
        double[] expected = {
            0.019510565163, 0.018090169944, 0.015877852523, 0.013090169944, 0.01,
            0.006909830056, 0.004122147477, 0.001909830056, 0.000489434837, 0.0
        };
        assertPerEpochOverTenEpochs(expected, Cosine.steppedBeforeEachEpoch(0.02, 10));
    }

    /** The schedule gives {@code expected[e]} at the first and last iteration of epoch e, and has no epoch 10. */
    private static void assertPerEpochOverTenEpochs(double[] expected, LrSchedule schedule) {
        for (int epoch = 0; epoch < 10; epoch++) {
            assertEquals(expected[epoch], schedule.lr(epoch, 0, 98), 1e-11, "epoch " + epoch);
            assertEquals(expected[epoch], schedule.lr(epoch, 97, 98), 1e-11, "epoch " + epoch);
        }
        assertThrows(IllegalArgumentException.class, () -> schedule.lr(10, 0, 98));
    }

    @Test
    void cosineWarmUpEndsAtThePeakThenDecaysOverTheRest() {
        LrSchedule warm = Cosine.perEpoch(0.1, 10).withWarmup(2);
        assertEquals(0.05, warm.lr(0, 0, 5), EPS);
        assertEquals(0.1, warm.lr(1, 0, 5), EPS);
        assertEquals(0.1, warm.lr(2, 0, 5), EPS);
        // epoch 6 is 4 of the 8 cosine epochs: 0.05 * (1 + cos(pi / 2))
        assertEquals(0.05, warm.lr(6, 0, 5), EPS);
        assertEquals(warm.lr(6, 0, 5), warm.lr(6, 4, 5), EPS);
    }

    @Test
    void constantIsConstant() {
        LrSchedule constant = LrSchedule.constant(0.05);
        assertEquals(0.05, constant.lr(0, 0, 10));
        assertEquals(0.05, constant.lr(199, 9, 10));
    }

    /** ResLT's and BBN's warm-up from 1/3 (methods-multibranch.md 4.4 and 6.4). */
    @Test
    void warmupFromAThird() {
        LrSchedule reslt = new WarmupMultiStep(0.1, 5, 1.0 / 3, new int[] {160, 180}, 0.1);
        double[] expected = {0.0466667, 0.06, 0.0733333, 0.0866667, 0.1, 0.1};
        for (int e = 0; e < expected.length; e++) {
            org.junit.jupiter.api.Assertions.assertEquals(expected[e], reslt.lr(e, 0, 10), 1e-7, "epoch " + (e + 1));
        }
        org.junit.jupiter.api.Assertions.assertEquals(0.1, reslt.lr(159, 0, 10), 1e-12, "epoch 160");
        org.junit.jupiter.api.Assertions.assertEquals(0.01, reslt.lr(160, 0, 10), 1e-12, "epoch 161");
        org.junit.jupiter.api.Assertions.assertEquals(0.001, reslt.lr(180, 0, 10), 1e-12, "epoch 181");
    }
}
