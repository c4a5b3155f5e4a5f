package org.longtail4j.training;

/**
 * Cosine decay from a peak to 0, optionally after a linear warm-up.
 *
 * <p>Per epoch (the H2T stage-2 schedule, as its reference code computes it): {@code lr_e = 0.5 *
 * peak * (1 + cos(pi * e / E))} for 0-indexed epoch e of E, so the first epoch runs at the peak and
 * the rate never reaches 0.
 *
 * <p>With W warm-up epochs, the rate first climbs linearly epoch by epoch, ending at the peak
 * ({@code peak * (e + 1) / W}, as {@link WarmupMultiStep} does it), and the cosine then runs over the
 * remaining E - W epochs.
 */
public final class Cosine implements LrSchedule {

    private final double peak;
    private final int epochs;
    private final int warmupEpochs;

    private Cosine(double peak, int epochs, int warmupEpochs) {
        if (!(peak >= 0) || epochs <= 0 || warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException(
                    "need peak >= 0 and 0 <= warmupEpochs < epochs; got peak " + peak + ", epochs "
                            + epochs + ", warm-up " + warmupEpochs);
        }
        this.peak = peak;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
    }

    /** One rate per epoch. */
    public static Cosine perEpoch(double peak, int epochs) {
        return new Cosine(peak, epochs, 0);
    }

    /** This schedule with a linear warm-up over its first {@code warmupEpochs} epochs. */
    public Cosine withWarmup(int warmupEpochs) {
        return new Cosine(peak, epochs, warmupEpochs);
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
        return 0.5 * peak * (1 + Math.cos(Math.PI * (epoch - warmupEpochs) / (epochs - warmupEpochs)));
    }
}
