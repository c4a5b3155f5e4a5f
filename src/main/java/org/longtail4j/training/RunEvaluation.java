package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.Augmentation;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.PreparedData;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.evaluation.Evaluator;
import java.util.Map;
import org.longtail4j.config.StageConfig;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.Prediction;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;

/**
 * Re-evaluates a checkpoint of a run folder with the run's own config and data split: on the test set,
 * and on the validation split too when the run holds one out.
 */
public final class RunEvaluation {

    private RunEvaluation() {}

    /**
     * @param evaluation the test-set figures
     * @param validation the validation split's figures (the same prediction), or null when the run has none
     */
    public record Result(String stage, String checkpoint, EvaluationResult evaluation, EvaluationResult validation) {
        public String describe() {
            return stage + " (" + checkpoint + ")";
        }
    }

    /**
     * @param stage a stage of the run; null for the run's last stage with the checkpoint asked for
     * @param best the best-epoch checkpoint instead of the last one
     */
    public static Result evaluate(Path runDir, String stage, boolean best) {
        return evaluate(runDir, stage, best, null);
    }

    /** {@link #evaluate(Path, String, boolean)} with the data read from {@code dataRoot} if not null (moved data). */
    public static Result evaluate(Path runDir, String stage, boolean best, Path dataRoot) {
        Path configFile = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException("run folder " + runDir + " has no config.yaml (is it a run folder?)");
        }
        RunConfig config = ConfigLoader.loadResolved(configFile, dataRoot);
        String which = best ? "best" : "last";
        String chosen = stage;
        if (chosen == null) {
            // The last stage that has the checkpoint asked for: a stage that died before its first epoch
            // ended has none, and the stage before it is what the run holds.
            for (String name : config.stages.keySet()) {
                if (Checkpoint.exists(runDir.resolve(name).resolve("checkpoints").resolve(which))) {
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
        Path checkpoint = runDir.resolve(chosen).resolve("checkpoints").resolve(which);
        if (!Checkpoint.exists(checkpoint)) {
            throw new BadInputException("run folder " + runDir + " has no " + which + " checkpoint of " + chosen
                    + " (expected " + checkpoint + ")");
        }
        EngineSetup.threads(config.runtime);
        PreparedData data = DataSources.prepare(config.data, config.seed);
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(config.runtime))) {
            ImageClassifier model = Models.create(config.model, data.train().numClasses(), data.train().channels(),
                    data.train().height(), data.train().width(), manager);
            // The model as the stage left it: every stage up to it edits the model first (weight scaling
            // adds parameters that the checkpoint holds), then the checkpoint's weights go in.
            ClassStatistics classes = ClassStatistics.of(data.train(), data.groups());
            Prediction prediction = null;
            for (Map.Entry<String, StageConfig> upTo : config.stages.entrySet()) {
                TrainingMethod method = StageComposer.compose(upTo.getKey(), upTo.getValue(), data.train().labels(),
                        classes, config.seed);
                method.prepare(model);
                prediction = method.prediction();
                if (upTo.getKey().equals(chosen)) {
                    break;
                }
            }
            Checkpoint.loadModel(checkpoint, model, manager);
            Augmentation normalisation = new Augmentation(0, false, data.mean(), data.std());
            Evaluator evaluator = new Evaluator(data.test(), normalisation, config.eval.batchSize, data.groups(), manager,
                    config.runtime.prefetch);
            EvaluationResult validation = !data.hasValidation() ? null : new Evaluator(data.validation(), normalisation,
                    config.eval.batchSize, data.groups(), manager, config.runtime.prefetch).evaluate(model, prediction);
            int epoch = Checkpoint.progress(checkpoint).epochsDone();
            return new Result(chosen, which + " checkpoint, epoch " + epoch, evaluator.evaluate(model, prediction),
                    validation);
        }
    }
}
