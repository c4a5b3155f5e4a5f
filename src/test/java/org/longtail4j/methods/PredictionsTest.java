package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.ModelOutput;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

class PredictionsTest {

    /** Post-hoc logit adjustment: z_c - tau * log(n_c / N), computed here in doubles. */
    @Test
    void logitAdjustedSubtractsTauTimesTheLogPrior() {
        int[] counts = {600, 300, 100};
        float[] z = {1.5f, -0.25f, 0.75f};
        double tau = 0.5;
        PartContext context = new PartContext("stages.stage2.prediction", ClassStatistics.of(counts),
                new RandomStreams(1, "stage2"), 1);
        Prediction prediction = Predictions.PREDICTIONS
                .bind("stages.stage2.prediction", Map.of("type", "logit-adjusted", "tau", tau)).create(context);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] scores = prediction.scores(ModelOutput.single(manager.create(new float[][] {z}))).toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(z[c] - tau * Math.log(counts[c] / 1000.0), scores[c], 1e-5, "class " + c);
            }
        }
        assertEquals("post-hoc logit adjustment (tau 0.5)", prediction.describe());
    }
}
