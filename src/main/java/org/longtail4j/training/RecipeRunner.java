package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.Augmentation;
import org.longtail4j.data.DataSources;
import org.longtail4j.data.PreparedData;
import org.longtail4j.evaluation.Evaluator;
import org.longtail4j.methods.MethodContext;
import org.longtail4j.methods.Methods;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.weights.PretrainedWeights;

/**
 * Runs a recipe (stage 1, then stage 2 if the config has one) into a run folder:
 *
 * <pre>
 * RUN/config.yaml          the resolved config, exactly what ran
 * RUN/split.json           class counts, class order and groups of the long-tailed training set
 * RUN/train_indices.txt    the kept training images, one index per line
 * RUN/stageN/metrics.jsonl one JSON line per epoch
 * RUN/stageN/checkpoints/{last,best}/
 * RUN/stageN/results.json  last-epoch and best-epoch figures of the stage
 * RUN/results.json         the final stage's results
 * </pre>
 *
 * A killed run continues with {@link #resume}; a stage-2-only run starts from another run's stage 1.
 */
public final class RecipeRunner {

    /** What one finished recipe produced, stage by stage (absent stages are missing). */
    public record Outcome(Path runDir, Map<String, StageTrainer.Outcome> stages, PreparedData data) {
        public StageTrainer.Outcome finalStage() {
            StageTrainer.Outcome last = null;
            for (StageTrainer.Outcome o : stages.values()) {
                last = o;
            }
            return last;
        }
    }

    private final RunConfig config;
    private final Path runDir;
    private final TrainingObserver observer;

    private RecipeRunner(RunConfig config, Path runDir, TrainingObserver observer) {
        this.config = config;
        this.runDir = runDir;
        this.observer = observer;
    }

    /** Starts a new run in {@code runDir}, which must not hold a run already. */
    public static Outcome start(RunConfig config, Path runDir, Path stage1Run, TrainingObserver observer)
            throws IOException {
        if (Files.exists(runDir.resolve("config.yaml"))) {
            throw new BadInputException("run folder " + runDir + " already holds a run; continue it with --resume "
                    + runDir + " or choose another --out");
        }
        if (!config.stage1.enabled() && stage1Run == null) {
            throw new BadInputException("config key 'stage1.method' is none, so a stage-1 run folder is needed to start "
                    + "stage 2 from (--stage1-run DIR)");
        }
        if (stage1Run != null && !Checkpoint.exists(stageCheckpoint(stage1Run))) {
            throw new BadInputException("stage-1 run " + stage1Run + " has no checkpoint at " + stageCheckpoint(stage1Run));
        }
        return new RecipeRunner(config, runDir, observer).run(stage1Run, false);
    }

    /** Continues the run in {@code runDir} from its last checkpoints, with its saved config. */
    public static Outcome resume(Path runDir, TrainingObserver observer) throws IOException {
        Path saved = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            throw new BadInputException("cannot resume " + runDir + ": no config.yaml there (is it a run folder?)");
        }
        RunConfig config = ConfigLoader.loadResolved(saved);
        Path stage1Run = null;
        Path origin = runDir.resolve("stage1_run.txt");
        if (Files.isRegularFile(origin)) {
            stage1Run = Path.of(Files.readString(origin).trim());
        }
        return new RecipeRunner(config, runDir, observer).run(stage1Run, true);
    }

    /** The stage-1 checkpoint a stage-2-only run starts from. */
    public static Path stageCheckpoint(Path run) {
        return run.resolve("stage1").resolve("checkpoints").resolve("last");
    }

    private Outcome run(Path stage1Run, boolean resuming) throws IOException {
        EngineSetup.threads(config.runtime);
        PreparedData data = DataSources.prepare(config.data, config.seed);
        Map<String, TrainingMethod> methods = new LinkedHashMap<>();
        for (Map.Entry<String, StageConfig> stage : stages().entrySet()) {
            if (stage.getValue().enabled()) {
                methods.put(stage.getKey(), Methods.create(
                        new MethodContext(stage.getKey(), stage.getValue(), data.train(), config.seed)));
            }
        }
        if (!resuming) {
            writeRunFiles(data, stage1Run);
        }
        Map<String, StageTrainer.Outcome> outcomes = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(config.runtime))) {
            EngineSetup.seed(config.seed);
            ImageClassifier model = Models.create(config.model, data.train().numClasses(), data.train().channels(),
                    data.train().height(), data.train().width(), manager);
            if (stage1Run != null) {
                Checkpoint.loadModel(stageCheckpoint(stage1Run), model, manager);
            } else if (config.model.pretrained != null) {
                System.err.println(PretrainedWeights.load(model, Path.of(config.model.pretrained), manager).summary());
            }
            Augmentation trainAugmentation = new Augmentation(config.data.augment.pad, config.data.augment.flip,
                    data.mean(), data.std());
            Augmentation testAugmentation = new Augmentation(0, false, data.mean(), data.std());
            Evaluator evaluator = new Evaluator(data.test(), testAugmentation, config.eval.batchSize, data.groups(),
                    manager, config.runtime.prefetch);
            for (Map.Entry<String, TrainingMethod> stage : methods.entrySet()) {
                String key = stage.getKey();
                Path folder = runDir.resolve(key);
                StageTrainer trainer = new StageTrainer(new StageTrainer.Setup(key, stages().get(key), stage.getValue(),
                        model, manager, data.train(), trainAugmentation, evaluator, config.seed, config.eval.every,
                        config.runtime.prefetch, folder, observer));
                outcomes.put(key, trainer.run());
            }
        }
        Files2.writeAtomically(runDir.resolve("results.json"),
                Files.readString(runDir.resolve(outcomes.keySet().stream().reduce((a, b) -> b).orElseThrow())
                        .resolve("results.json")));
        return new Outcome(runDir, outcomes, data);
    }

    private Map<String, StageConfig> stages() {
        Map<String, StageConfig> stages = new LinkedHashMap<>();
        stages.put("stage1", config.stage1);
        stages.put("stage2", config.stage2);
        return stages;
    }

    private void writeRunFiles(PreparedData data, Path stage1Run) throws IOException {
        Files.createDirectories(runDir);
        Files2.writeAtomically(runDir.resolve("config.yaml"), ConfigLoader.toYaml(config));
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("description", data.split().description());
        split.put("train_size", data.train().size());
        split.put("test_size", data.test().size());
        split.put("class_names", data.classNames());
        split.put("class_counts", data.split().classCounts());
        split.put("rank_to_label", data.split().rankToLabel());
        split.put("groups", data.groups());
        Json.write(runDir.resolve("split.json"), split);
        data.split().writeIndexFile(runDir.resolve("train_indices.txt"));
        if (stage1Run != null) {
            Files2.writeAtomically(runDir.resolve("stage1_run.txt"), stage1Run.toAbsolutePath() + "\n");
        }
    }
}
