package org.longtail4j.losses;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.longtail4j.BadInputException;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.SettingChecks;

/**
 * Label-aware smoothing (MiSLAS, Zhong et al. 2021): label smoothing whose strength eps_c runs from
 * {@code eps_head} for the most frequent class to {@code eps_tail} for the rarest, along a shape of
 * {@code r_c = (n_c - n_min) / (n_max - n_min)}. Per sample with label y and {@code l = -log softmax(z)}:
 * <ul>
 *   <li>code form (MiSLAS's code, the default): {@code (1 - eps_y) l_y + eps_y / C * sum_k l_k};</li>
 *   <li>paper form: {@code (1 - eps_y) l_y + eps_y / (C - 1) * sum_{k != y} l_k}.</li>
 * </ul>
 * The batch mean. With every class equally frequent r is undefined; every class then gets eps_head.
 */
public final class LabelAwareSmoothing implements LogitLoss {

    /** How eps_c runs between eps_tail (r = 0) and eps_head (r = 1). */
    public enum Shape {
        /** {@code eps_tail + (eps_head - eps_tail) sin(pi r / 2)}, MiSLAS's configs. */
        @JsonProperty("concave") CONCAVE,
        /** {@code eps_tail + (eps_head - eps_tail) r}. */
        @JsonProperty("linear") LINEAR,
        /** {@code eps_head + (eps_head - eps_tail) sin(3 pi / 2 + pi r / 2)}. */
        @JsonProperty("convex") CONVEX,
        /** {@code eps_tail + (eps_head - eps_tail) r^power}. */
        @JsonProperty("power") POWER
    }

    /** Where the smoothing mass goes. */
    public enum Form {
        /** eps_y / C on every class, the true one included (MiSLAS's code). */
        @JsonProperty("code") CODE,
        /** eps_y / (C - 1) on each wrong class, the true class exactly 1 - eps_y (MiSLAS's paper). */
        @JsonProperty("paper") PAPER
    }

    /** Settings of {@code loss: {type: label-aware-smoothing}}; defaults are MiSLAS's CIFAR-100-LT IR 100. */
    public static final class Settings {
        /** Smoothing of the most frequent class, in [0, 1]. */
        public double epsHead = 0.4;
        /** Smoothing of the rarest class, in [0, 1]. */
        public double epsTail = 0.1;
        /** The curve between them: concave, linear, convex or power. */
        public Shape shape = Shape.CONCAVE;
        /** The exponent q of shape power (read only by that shape, and required there). */
        public Double power = null;
        /** code (MiSLAS's code) or paper (MiSLAS's paper). */
        public Form form = Form.CODE;
    }

    private final double[] epsilons;
    private final Form form;

    /** Builds the loss for the training set in {@code context}; a bad setting names its key. */
    public LabelAwareSmoothing(Settings settings, PartContext context) {
        String key = context.key();
        SettingChecks.unitInterval(settings.epsHead, key + ".eps_head");
        SettingChecks.unitInterval(settings.epsTail, key + ".eps_tail");
        if (settings.shape == null) {
            throw new BadInputException("config key '" + key + ".shape' is null, expected concave, linear, convex"
                    + " or power");
        }
        if (settings.form == null) {
            throw new BadInputException("config key '" + key + ".form' is null, expected code or paper");
        }
        if (settings.shape == Shape.POWER && (settings.power == null || !Double.isFinite(settings.power)
                || settings.power <= 0)) {
            throw new BadInputException("config key '" + key + ".power' is " + settings.power
                    + ", expected a finite exponent > 0 (shape power needs one)");
        }
        if (settings.shape != Shape.POWER && settings.power != null) {
            throw new BadInputException("config key '" + key + ".power' is only read by shape power, but shape is "
                    + settings.shape.name().toLowerCase(Locale.ROOT));
        }
        int classes = context.classes().numClasses();
        if (settings.form == Form.PAPER && classes < 2) {
            throw new BadInputException("config key '" + key + ".form' is paper, which needs at least 2 classes");
        }
        epsilons = epsilons(context.classes().counts(), settings.epsHead, settings.epsTail, settings.shape,
                settings.power == null ? 1 : settings.power);
        form = settings.form;
    }

    /** eps_c per class for the given shape ({@code power} is read by shape power only). */
    public static double[] epsilons(int[] counts, double epsHead, double epsTail, Shape shape, double power) {
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int n : counts) {
            max = Math.max(max, n);
            min = Math.min(min, n);
        }
        double[] out = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            double r = max == min ? 1 : (double) (counts[c] - min) / (max - min);
            double span = epsHead - epsTail;
            out[c] = switch (shape) {
                case CONCAVE -> epsTail + span * Math.sin(Math.PI * r / 2);
                case LINEAR -> epsTail + span * r;
                case CONVEX -> epsHead + span * Math.sin(1.5 * Math.PI + Math.PI * r / 2);
                case POWER -> epsTail + span * Math.pow(r, power);
            };
        }
        return out;
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels, LossContext context) {
        NDArray index = LogitTerms.labelIndex(labels);
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray nll = logits.logSoftmax(1).neg();
        NDArray trueClass = nll.gather(index.reshape(-1, 1), 1).reshape(-1);
        NDArray allClasses = nll.sum(new int[] {1});
        NDArray eps = LogitTerms.byLabel(trueClass, index, epsilons);
        NDArray smoothing = form == Form.CODE
                ? allClasses.div((float) classes)
                : allClasses.sub(trueClass).div((float) (classes - 1));
        return eps.neg().add(1f).mul(trueClass).add(eps.mul(smoothing)).mean();
    }
}
