package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.longtail4j.config.RunConfig;
import org.longtail4j.data.RunData;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.evaluation.Evaluator;

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
        RunConfig config = RestoredModel.config(runDir, dataRoot);
        String chosen = RestoredModel.chooseStage(runDir, config, stage, best);
        EngineSetup.threads(config.runtime);
        RunData data = RunData.prepare(config.data, config.seed);
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(config.runtime))) {
            RestoredModel restored = RestoredModel.load(runDir, config, chosen, best, data.train().labels(),
                    data.classStatistics(), data.channels(), data.height(), data.width(), manager);
            Evaluator evaluator = new Evaluator(data.test(), data.testMaker(), config.eval.batchSize, data.groups(),
                    manager, config.runtime.prefetch, data.workers());
            EvaluationResult validation = data.validation() == null ? null : new Evaluator(data.validation(),
                    data.validationMaker(), config.eval.batchSize, data.groups(), manager, config.runtime.prefetch,
                    data.workers()).evaluate(restored.model(), restored.prediction());
            return new Result(chosen, restored.checkpoint(),
                    evaluator.evaluate(restored.model(), restored.prediction()), validation);
        }
    }
}
