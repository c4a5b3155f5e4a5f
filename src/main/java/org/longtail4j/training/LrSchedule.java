package org.longtail4j.training;

/**
 * The learning rate to use for one optimizer step.
 *
 * <p>Asked at every iteration, so a schedule may change the rate per epoch (the published CIFAR
 * recipes) or per iteration (smoother warm-up and cosine variants) behind the same call; the
 * optimizer ({@link PytorchSgd}) takes whatever it returns.
 */
public interface LrSchedule {

    /**
     * @param epoch 0-indexed epoch
     * @param iteration 0-indexed iteration within the epoch
     * @param iterationsPerEpoch number of iterations of every epoch
     */
    double lr(int epoch, int iteration, int iterationsPerEpoch);

    /** The same rate at every step. */
    static LrSchedule constant(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        return (epoch, iteration, iterationsPerEpoch) -> lr;
    }
}
