package org.longtail4j.inference;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.files.ImageFileSources;
import org.longtail4j.export.ModelExport;
import org.longtail4j.methods.Predictions;
import org.longtail4j.training.EngineSetup;
import org.longtail4j.training.RestoredModel;

/**
 * Writes the model {@code predict} applies (the run's last stage, last checkpoint) as a folder DJL's
 * {@code Criteria} loads ({@link ModelExport}, docs/export.md), with the run's class names and
 * normalisation.
 */
public final class RunExport {

    private RunExport() {}

    /** @return the stage exported and its checkpoint, e.g. "stage2 (last checkpoint, epoch 10)" */
    public static String export(Path runDir, Path folder) {
        RunPredictor.Restored run = RunPredictor.restore(runDir);
        RunConfig.DataConfig data = run.config().data;
        double[] mean;
        double[] std;
        if (RunConfig.DataConfig.IMAGE_FILE_DATASETS.contains(data.dataset)) {
            mean = doubles(ImageFileSources.normalisation(data).mean());
            std = doubles(ImageFileSources.normalisation(data).std());
        } else {
            mean = doubles(DataSources.testAugmentation(data).mean());
            std = doubles(DataSources.testAugmentation(data).std());
        }
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(run.config().runtime))) {
            RestoredModel restored = run.load(manager);
            String plain = Predictions.plain().describe();
            if (!plain.equals(restored.prediction().describe())) {
                // The export carries the network alone: its probabilities would not be the stage's.
                throw new BadInputException("run " + runDir + ": stage " + restored.stage() + " predicts with "
                        + restored.prediction().describe() + ", which an export (the network's own logits) cannot"
                        + " carry; use longtail predict, or export a run whose last stage predicts plain logits");
            }
            ModelExport.write(restored.model(), run.config().model, run.names(), run.shape()[1], run.shape()[2], mean,
                    std, folder);
            return restored.stage() + " (" + restored.checkpoint() + ")";
        }
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
