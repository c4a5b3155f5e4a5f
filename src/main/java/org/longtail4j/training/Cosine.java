package org.longtail4j.training;

/**
 * Cosine decay from a peak to 0, optionally after a linear warm-up.
 *
 * <p>Per epoch (the H2T stage-2 schedule, as its reference code computes it): {@code lr_e = 0.5 *
 * peak * (1 + cos(pi * e / E))} for 0-indexed epoch e of E, so the first epoch runs at the peak and
 * the rate never reaches 0.
 *
 * <p>Stepped before each epoch (cRT's and LWS's reference code, methods-single.md section 4: the scheduler
 * steps at the start of every epoch, before training): {@code lr_e = 0.5 * peak * (1 + cos(pi * (e + 1) / E))},
 * so the first epoch already runs below the peak and the last at 0.
 *
 * <p>With W warm-up epochs, the rate first climbs linearly epoch by epoch, ending at the peak
 * ({@code peak * (e + 1) / W}, as {@link WarmupMultiStep} does it), and the cosine then runs over the
 * remaining E - W epochs.
 */
public final class Cosine implements LrSchedule {

    private final double peak;
    private final int epochs;
    private final int warmupEpochs;
    private final boolean steppedBefore;

    private Cosine(double peak, int epochs, int warmupEpochs, boolean steppedBefore) {
        if (!(peak >= 0) || epochs <= 0 || warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException(
                    "need peak >= 0 and 0 <= warmupEpochs < epochs; got peak " + peak + ", epochs "
                            + epochs + ", warm-up " + warmupEpochs);
        }
        this.peak = peak;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
        this.steppedBefore = steppedBefore;
    }

    /** One rate per epoch. */
    public static Cosine perEpoch(double peak, int epochs) {
        return new Cosine(peak, epochs, 0, false);
    }

    /** One rate per epoch, the cosine stepped before each epoch (cRT, LWS): epoch e runs at step e + 1. */
    public static Cosine steppedBeforeEachEpoch(double peak, int epochs) {
        return new Cosine(peak, epochs, 0, true);
    }

    /** This schedule with a linear warm-up over its first {@code warmupEpochs} epochs. */
    public Cosine withWarmup(int warmupEpochs) {
        return new Cosine(peak, epochs, warmupEpochs, steppedBefore);
    }

    @Override
    public double lr(int epoch, int iteration, int iterationsPerEpoch) {
        if (epoch < 0 || epoch >= epochs || iteration < 0 || iteration >= iterationsPerEpoch) {
            throw new IllegalArgumentException(
                    "epoch " + epoch + " of " + epochs + ", iteration " + iteration + " of "
                            + iterationsPerEpoch + " is outside the schedule");
        }
        if (epoch < warmupEpochs) {
            return peak * (epoch + 1) / warmupEpochs;
        }
        int step = epoch - warmupEpochs + (steppedBefore ? 1 : 0);
        return 0.5 * peak * (1 + Math.cos(Math.PI * step / (epochs - warmupEpochs)));
    }
}
