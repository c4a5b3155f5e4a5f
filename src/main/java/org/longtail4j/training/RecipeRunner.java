package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.config.TunedValues;
import org.longtail4j.data.LongTailSplit;
import org.longtail4j.data.PreparedData;
import org.longtail4j.data.RunData;
import org.longtail4j.evaluation.Evaluator;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.parts.RandomStreams;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.runfolder.FailedStart;
import org.longtail4j.runfolder.RunFolderLock;
import org.longtail4j.weights.PretrainedWeights;

/**
 * Runs a recipe (stage 1, then stage 2 if the config has one) into a run folder:
 *
 * <pre>
 * RUN/config.yaml          the resolved config, exactly what ran
 * RUN/split.json           class counts, class order and groups of the long-tailed training set
 * RUN/train_indices.txt    the kept training images, one index per line (Fashion-MNIST, CIFAR)
 * RUN/validation_indices.txt the held-out validation images (only with data.validation_per_class)
 * RUN/train_files.txt      the training images, "path label" lines (image-file datasets; also
 *                          validation_files.txt, test_files.txt, classes.tsv, groups.txt, data.txt)
 * RUN/stageN/metrics.jsonl one JSON line per epoch
 * RUN/stageN/checkpoints/{last,best}/
 * RUN/stageN/results.json  last-epoch and best-epoch figures of the stage, and which set chose the best
 * RUN/results.json         the final stage's results
 * </pre>
 *
 * A killed run continues with {@link #resume}; a stage-2-only run starts from another run's stage 1.
 */
public final class RecipeRunner {

    /** What one finished recipe produced, stage by stage (absent stages are missing). */
    public record Outcome(Path runDir, Map<String, StageTrainer.Outcome> stages, RunData data) {
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

    /**
     * Starts a new run in {@code runDir}, which must not hold a run already.
     *
     * @param stage1Run null, or a run folder whose stage {@code startStage} (its last checkpoint) the
     *     recipe's first stage starts from, as with --stage1-run
     * @param startStage the stage of {@code stage1Run} to start from (ignored when it is null)
     */
    public static Outcome start(RunConfig config, Path runDir, Path stage1Run, String startStage,
            TrainingObserver observer) throws IOException {
        try (RunFolderLock lock = RunFolderLock.acquire(runDir)) {
            boolean fresh = !Files.exists(runDir.resolve("config.yaml"));
            try {
                return startLocked(config, runDir, stage1Run, startStage, observer);
            } catch (IOException | RuntimeException e) {
                if (fresh) {
                    FailedStart.undo(runDir);
                }
                throw e;
            }
        }
    }

    private static Outcome startLocked(RunConfig config, Path runDir, Path stage1Run, String startStage,
            TrainingObserver observer) throws IOException {
        if (Files.exists(runDir.resolve("config.yaml"))) {
            throw new BadInputException("run folder " + runDir + " already holds a run; continue it with --resume "
                    + runDir + " or choose another --out");
        }
        if (config.stages.isEmpty()) {
            throw new BadInputException("the recipe has no stage to train (config key 'stages' is empty"
                    + (stage1Run != null ? "; with --stage1-run the stages after the config's first one train" : "")
                    + ")");
        }
        if (stage1Run != null && !Checkpoint.exists(stageCheckpoint(stage1Run, startStage))) {
            throw new BadInputException("run " + stage1Run + " has no checkpoint of stage " + startStage + " at "
                    + stageCheckpoint(stage1Run, startStage));
        }
        StageComposer.check(config);
        TunedValues.check(StageComposer.resolve(ConfigLoader.copy(config)));
        if (stage1Run != null) {
            requireSameValidationSetting(config, stage1Run);
        }
        Path origin = stage1Run == null ? null : stageCheckpoint(stage1Run, startStage);
        return new RecipeRunner(config, runDir, observer).run(origin, false);
    }

    /** Continues the run in {@code runDir} from its last checkpoints, with its saved config. */
    public static Outcome resume(Path runDir, TrainingObserver observer) throws IOException {
        return resume(runDir, null, observer);
    }

    /** {@link #resume(Path, TrainingObserver)} with the data read from {@code dataRoot} if not null (moved data). */
    public static Outcome resume(Path runDir, Path dataRoot, TrainingObserver observer) throws IOException {
        Path saved = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            throw new BadInputException("cannot resume " + runDir + ": no config.yaml there (is it a run folder?)");
        }
        try (RunFolderLock lock = RunFolderLock.acquireExisting(runDir)) {
            RunConfig config = ConfigLoader.loadResolved(saved, dataRoot);
            return new RecipeRunner(config, runDir, observer).run(startCheckpoint(runDir).orElse(null), true);
        }
    }

    /** The checkpoint a run started from, if it started from another run's (--stage1-run, sweeps). */
    public static java.util.Optional<Path> startCheckpoint(Path runDir) throws IOException {
        Path record = runDir.resolve(START_FILE);
        return Files.isRegularFile(record) ? java.util.Optional.of(Path.of(Files.readString(record).trim()))
                : java.util.Optional.empty();
    }

    /**
     * A run that starts from another run's stage must hold out the same validation setting: with a
     * different data.validation_per_class the earlier stage trained on other images (possibly on this
     * run's validation images), and its best epoch was chosen on another set. The rule is equality;
     * when both hold images out, the validation indices themselves are compared after the data are read
     * ({@link #requireSameValidationImages}).
     */
    public static void requireSameValidationSetting(RunConfig config, Path stage1Run) {
        Path saved = stage1Run.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            return; // the missing checkpoint or config is reported where it is read
        }
        int theirs = ConfigLoader.loadResolved(saved).data.validationPerClass;
        if (theirs != config.data.validationPerClass) {
            throw new BadInputException("--stage1-run " + stage1Run + " was made with data.validation_per_class "
                    + theirs + ", this config has " + config.data.validationPerClass + "; expected the same (other "
                    + "held-out images change the training images), so set data.validation_per_class="
                    + theirs + " or train stage 1 again");
        }
    }

    /** With a validation split, the earlier run's validation images must be this run's (none trained on). */
    private static void requireSameValidationImages(Path stage1Run, PreparedData data) throws IOException {
        Path file = stage1Run.resolve(VALIDATION_INDICES);
        String ours = LongTailSplit.indexText(data.split().validationIndices());
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(ours)) {
            throw new BadInputException("--stage1-run " + stage1Run + " held out other validation images than this"
                    + " config does (its " + VALIDATION_INDICES + " differs or is missing), so its stage trained on"
                    + " images this run validates on; expected a stage-1 run with the same data settings and seed");
        }
    }

    private static final String VALIDATION_INDICES = RunData.VALIDATION_INDICES;

    /** The last checkpoint of stage {@code stage} of {@code run}. */
    public static Path stageCheckpoint(Path run, String stage) {
        return run.resolve(stage).resolve("checkpoints").resolve("last");
    }

    /** Where a run that started from another run's checkpoint records that checkpoint. */
    private static final String START_FILE = "start_checkpoint.txt";

    private Outcome run(Path startCheckpoint, boolean resuming) throws IOException {
        EngineSetup.threads(config.runtime);
        RunData data = RunData.prepare(config.data, config.seed);
        if (resuming) {
            data.checkSameTrainingSet(runDir);
        }
        ClassStatistics classes = data.classStatistics();
        Map<String, TrainingMethod> methods = new LinkedHashMap<>();
        for (Map.Entry<String, StageConfig> stage : config.stages.entrySet()) {
            // Composing writes the resolved parts back into the stage's config, before it is saved.
            methods.put(stage.getKey(), StageComposer.compose(stage.getKey(), stage.getValue(),
                    data.train().labels(), classes, config.seed));
        }
        if (!resuming) {
            if (startCheckpoint != null && data.inMemory() != null && data.inMemory().hasValidation()) {
                requireSameValidationImages(startCheckpoint.getParent().getParent().getParent(), data.inMemory());
            }
            writeRunFiles(data, startCheckpoint);
        }
        Map<String, StageTrainer.Outcome> outcomes = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(EngineSetup.device(config.runtime))) {
            EngineSetup.seed(config.seed);
            ImageClassifier model = Models.create(config.model, data.train().numClasses(), data.channels(),
                    data.height(), data.width(), manager);
            if (startCheckpoint != null) {
                Checkpoint.loadModel(startCheckpoint, model, manager);
            } else if (config.model.pretrained != null) {
                System.err.println(PretrainedWeights.load(model, Path.of(config.model.pretrained), manager).summary());
            }
            Evaluator evaluator = new Evaluator(data.test(), data.testMaker(), config.eval.batchSize, data.groups(),
                    manager, config.runtime.prefetch, data.workers());
            Evaluator validation = data.validation() == null ? null : new Evaluator(data.validation(),
                    data.validationMaker(), config.eval.batchSize, data.groups(), manager, config.runtime.prefetch,
                    data.workers());
            if (config.runtime.smoke) {
                evaluator = evaluator.limitedTo(1);
                validation = validation == null ? null : validation.limitedTo(1);
            }
            for (Map.Entry<String, TrainingMethod> stage : methods.entrySet()) {
                String key = stage.getKey();
                Path folder = runDir.resolve(key);
                StageTrainer trainer = new StageTrainer(new StageTrainer.Setup(key, config.stages.get(key), stage.getValue(),
                        model, manager, data.train(), data.trainMaker(), evaluator, validation,
                        data.validationSource(), new RandomStreams(config.seed, key), config.eval.every,
                        config.runtime.prefetch, data.workers(), folder, observer, config.runtime.smoke,
                        config.runtime.microBatches, EngineSetup.devices(config.runtime)));
                outcomes.put(key, trainer.run());
            }
        }
        String last = outcomes.keySet().stream().reduce((a, b) -> b).orElseThrow();
        Map<String, Object> results = Json.readMap(runDir.resolve(last).resolve("results.json"));
        results.put("stages", List.copyOf(config.stages.keySet()));
        Json.write(runDir.resolve("results.json"), results);
        org.longtail4j.reports.RunReportPage.writeAfterRun(runDir);
        return new Outcome(runDir, outcomes, data);
    }

    private void writeRunFiles(RunData data, Path startCheckpoint) throws IOException {
        Files.createDirectories(runDir);
        data.writeRunFiles(runDir);
        if (startCheckpoint != null) {
            Files2.writeAtomically(runDir.resolve(START_FILE), startCheckpoint.toAbsolutePath() + "\n");
        }
        // last: config.yaml is what marks the folder as holding a run
        Files2.writeAtomically(runDir.resolve("config.yaml"), ConfigLoader.toSavedYaml(config));
    }
}
