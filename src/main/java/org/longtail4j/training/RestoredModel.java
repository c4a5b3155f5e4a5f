package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.Prediction;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;

/**
 * A run's model as one of its stages left it, with that stage's prediction (plain logits, post-hoc logit
 * adjustment, ...): what eval and predict apply to images.
 *
 * @param stage the stage whose checkpoint was loaded
 * @param checkpoint "last checkpoint, epoch 10" or "best checkpoint, epoch 7"
 */
public record RestoredModel(ImageClassifier model, Prediction prediction, String stage, String checkpoint) {

    /** The saved config of {@code runDir}, with data.root replaced by {@code dataRoot} when that is not null. */
    public static RunConfig config(Path runDir, Path dataRoot) {
        Path configFile = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException("run folder " + runDir + " has no config.yaml (is it a run folder?)");
        }
        return ConfigLoader.loadResolved(configFile, dataRoot);
    }

    /**
     * The checkpoint folder of {@code stage} ({@code best} or last); with {@code stage} null, of the run's last
     * stage that has such a checkpoint (a stage that died before its first epoch ended has none, and the
     * stage before it is what the run holds).
     */
    public static String chooseStage(Path runDir, RunConfig config, String stage, boolean best) {
        String which = best ? "best" : "last";
        String chosen = stage;
        if (chosen == null) {
            for (String name : config.stages.keySet()) {
                if (Checkpoint.exists(checkpointOf(runDir, name, best))) {
                    chosen = name;
                }
            }
            if (chosen == null) {
                throw new BadInputException("run folder " + runDir + " has no " + which + " checkpoint of any stage ("
                        + String.join(", ", config.stages.keySet()) + ")");
            }
        } else if (!config.stages.containsKey(chosen)) {
            throw new BadInputException("--stage is " + chosen + ", expected a stage of the run: "
                    + String.join(", ", config.stages.keySet()));
        }
        if (!Checkpoint.exists(checkpointOf(runDir, chosen, best))) {
            throw new BadInputException("run folder " + runDir + " has no " + which + " checkpoint of " + chosen
                    + " (expected " + checkpointOf(runDir, chosen, best) + ")");
        }
        return chosen;
    }

    /** Where stage {@code stage} of {@code runDir} keeps its best or last checkpoint. */
    public static Path checkpointOf(Path runDir, String stage, boolean best) {
        return runDir.resolve(stage).resolve("checkpoints").resolve(best ? "best" : "last");
    }

    /**
     * Rebuilds the model of {@code config} and loads the checkpoint of {@code stage}: every stage up to it
     * edits the model first (weight scaling adds parameters that the checkpoint holds), then the
     * checkpoint's weights go in.
     *
     * @param trainLabels the training labels the stages' samplers are composed over
     * @param classes the training counts the stages' parts (losses, predictions) read
     */
    public static RestoredModel load(Path runDir, RunConfig config, String stage, boolean best, int[] trainLabels,
            ClassStatistics classes, int channels, int height, int width, NDManager manager) {
        ImageClassifier model = Models.create(config.model, classes.numClasses(), channels, height, width, manager);
        Prediction prediction = null;
        for (Map.Entry<String, StageConfig> upTo : config.stages.entrySet()) {
            TrainingMethod method = StageComposer.compose(upTo.getKey(), upTo.getValue(), trainLabels, classes,
                    config.seed);
            method.prepare(model);
            prediction = method.prediction();
            if (upTo.getKey().equals(stage)) {
                break;
            }
        }
        Path checkpoint = checkpointOf(runDir, stage, best);
        Checkpoint.loadModel(checkpoint, model, manager);
        int epoch = Checkpoint.progress(checkpoint).epochsDone();
        return new RestoredModel(model, prediction, stage, (best ? "best" : "last") + " checkpoint, epoch " + epoch);
    }
}
