package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Logit-adjusted loss (Menon et al. 2021): {@code CE(z + log(pi^tau + 1e-12), y)}, the batch mean, with
 * pi the training-set class prior; the 1e-12 inside the log is the reference code's. Training only: the
 * prediction uses the raw logits. The post-hoc form subtracts the same {@link #offsets} from the logits
 * of a plain-CE model at test time.
 */
public final class LogitAdjusted implements LogitLoss {

    /** The reference code's epsilon inside the log. */
    public static final double EPSILON = 1e-12;

    /** Settings of {@code loss: {type: logit-adjusted}}. */
    public static final class Settings {
        /** The temperature tau of the prior, >= 0 (1 is Balanced Softmax up to the epsilon, 0 plain CE). */
        public double tau = 1.0;
    }

    private final double[] offsets;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public LogitAdjusted(Settings settings, PartContext context) {
        offsets = offsets(context.classes(), SettingChecks.nonNegative(settings.tau, context.key() + ".tau"));
    }

    /** {@code log(pi_c^tau + 1e-12)} per class: added to the logits in training, subtracted post hoc. */
    public static double[] offsets(ClassStatistics classes, double tau) {
        double[] priors = classes.priors();
        double[] out = new double[priors.length];
        for (int c = 0; c < priors.length; c++) {
            out[c] = Math.log(Math.pow(priors[c], tau) + EPSILON);
        }
        return out;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        NDArray adjusted = logits.add(LogitTerms.perClass(logits, offsets));
        return LogitTerms.crossEntropies(adjusted, index).mean();
    }
}
