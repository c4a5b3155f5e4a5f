package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import org.longtail4j.losses.LogitAdjusted;
import org.longtail4j.parts.NoSettings;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.PartRegistry;

/** Every prediction a stage can name ({@code prediction: {type: NAME, ...}}). */
public final class Predictions {

    /** Settings of {@code logit-adjusted}. */
    public static final class LogitAdjustedSettings {
        /** Scores are z - tau * log(pi) (as log(pi^tau + 1e-12) in the reference code). */
        public double tau = 1.0;
    }

    public static final PartRegistry<Prediction> PREDICTIONS = new PartRegistry<Prediction>("prediction")
            .register("plain", "the model's combined logits", "-", NoSettings.class, (s, c) -> plain())
            .register("logit-adjusted", "post-hoc logit adjustment: z - tau * log prior", "Menon et al., ICLR 2021",
                    LogitAdjustedSettings.class, Predictions::logitAdjusted)
            .register("routed", "RIDE's expert assignment: expert 1 always, expert i + 1 while router i says go on "
                    + "(sigmoid > 0.5); the mean of the experts used", "Wang et al., ICLR 2021", NoSettings.class,
                    (s, c) -> new RoutedPrediction());

    private Predictions() {}

    /** The plain prediction, for code that evaluates a model without a recipe. */
    public static Prediction plain() {
        return new Prediction() {
            @Override
            public NDArray scores(org.longtail4j.models.ModelOutput output) {
                return output.combined();
            }

            @Override
            public String describe() {
                return "plain";
            }
        };
    }

    private static Prediction logitAdjusted(LogitAdjustedSettings settings, PartContext context) {
        // the offsets the logit-adjusted loss adds in training, here subtracted from a trained model's logits
        double[] offsets = LogitAdjusted.offsets(context.classes(), settings.tau);
        float[] shift = new float[offsets.length];
        for (int c = 0; c < offsets.length; c++) {
            shift[c] = (float) offsets[c];
        }
        return new Prediction() {
            @Override
            public NDArray scores(org.longtail4j.models.ModelOutput output) {
                NDArray logits = output.combined();
                try (NDArray offsets = logits.getManager().create(shift)) {
                    return logits.sub(offsets);
                }
            }

            @Override
            public String describe() {
                return "post-hoc logit adjustment (tau " + settings.tau + ")";
            }
        };
    }
}
