package org.longtail4j.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.BatchStream;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.LabelledImages;
import org.longtail4j.data.SampleMaker;
import org.longtail4j.evaluation.ChosenOn;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.evaluation.Evaluator;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.parts.RandomStreams;
import org.longtail4j.reports.Files2;
import org.longtail4j.reports.Json;
import org.longtail4j.util.ProcessMemory;

/**
 * Runs one training stage: the epoch loop shared by every method.
 *
 * <p>Per iteration: one {@link TrainingStep} (the batch streams' next batches go into a per-step
 * sub-manager, the method's loss is computed under a gradient collector, gradients flow back, and
 * {@link PytorchSgd} updates the method's trainable parameters). Per epoch: a test-set evaluation, and a
 * validation-split one when the run has a validation split (every {@code eval.every} epochs and always
 * at the last), a metrics line, the "last" checkpoint and, when top-1 on the choosing set improves,
 * "best". The choosing set is the validation split when there is one, else the test set (the
 * references' behaviour). At the end, results.json holds the last-epoch and the best-epoch figures,
 * named as such, and which set chose the best epoch ({@code best_chosen_on}).
 */
public final class StageTrainer {

    /**
     * Everything a stage needs; {@code folder} is the stage's own folder in the run folder.
     *
     * @param validation evaluates the validation set (a split held out by data.validation_per_class, or the
     *     dataset's own validation list) at every evaluation, which then chooses the best epoch; null when
     *     the run has none (the test set chooses, as the references do)
     * @param validationSource where the validation set comes from, for reports, e.g. "20 per class held out
     *     from training"; null without one
     * @param workers threads making training batches with {@code trainMaker}
     * @param microBatches slices each step's gradient is computed over ({@code runtime.micro_batches})
     * @param devices the devices each batch is split over ({@code runtime.device}), the model's first
     */
    public record Setup(
            String stage,
            StageConfig config,
            TrainingMethod method,
            ImageClassifier model,
            NDManager manager,
            LabelledImages train,
            SampleMaker trainMaker,
            Evaluator evaluator,
            Evaluator validation,
            String validationSource,
            RandomStreams streams,
            int evalEvery,
            int prefetch,
            int workers,
            Path folder,
            TrainingObserver observer,
            boolean smoke,
            int microBatches,
            List<ai.djl.Device> devices) {}

    /**
     * The figures of the finished stage: the last epoch's in full (test set; {@code lastValidation} on the
     * validation split, or null without one), the best epoch's (by top-1 on the set {@code bestChosenOn}
     * names) as written to results.json.
     */
    public record Outcome(EvaluationResult last, EvaluationResult lastValidation, int lastEpoch,
            Map<String, Object> best, int bestEpoch, String bestChosenOn) {}

    private final Setup s;

    public StageTrainer(Setup setup) {
        this.s = setup;
    }

    public Path lastCheckpoint() {
        return s.folder.resolve("checkpoints").resolve("last");
    }

    public Path bestCheckpoint() {
        return s.folder.resolve("checkpoints").resolve("best");
    }

    /** Trains from the last checkpoint in the stage folder if there is one, else from the start. */
    public Outcome run() throws IOException {
        StageConfig c = s.config;
        // A post-hoc stage (0 epochs) trains nothing: it has no schedule to build.
        LrSchedule schedule = c.epochs == 0 ? LrSchedule.constant(0) : LrSchedules.of(c);
        try (PytorchSgd optimizer = new PytorchSgd(c.momentum, c.weightDecay, c.nesterov)) {
            int firstEpoch = 0;
            double bestTop1 = -1;
            int bestEpoch = 0;
            Map<String, Object> best = null;
            Map<String, Object> bestValidation = null;
            // Prepare first (freeze, re-initialise), then let a checkpoint overwrite the weights.
            s.method.prepare(s.model);
            if (Checkpoint.exists(lastCheckpoint())) {
                Checkpoint.Progress progress = Checkpoint.progress(lastCheckpoint());
                Checkpoint.loadModel(lastCheckpoint(), s.model, s.manager);
                try (NDManager saved = s.manager.newSubManager()) {
                    optimizer.loadState(Checkpoint.loadOptimizer(lastCheckpoint(), saved));
                }
                firstEpoch = progress.epochsDone();
                bestTop1 = progress.bestTop1();
                bestEpoch = progress.bestEpoch();
                Path bestEvaluation = bestCheckpoint().resolve("evaluation.json");
                best = Files.isRegularFile(bestEvaluation) ? Json.readMap(bestEvaluation) : null;
                Path bestValidationFile = bestCheckpoint().resolve(VALIDATION_FILE);
                bestValidation = Files.isRegularFile(bestValidationFile) ? Json.readMap(bestValidationFile) : null;
            }
            keepMetricsUpTo(firstEpoch); // none at all when the stage starts over (its checkpoints deleted)
            PairList<String, Parameter> trainable = s.method.trainable(s.model);
            TrainingStep step = new TrainingStep(s.method, s.model, s.manager, trainable, c.lrFactors, optimizer,
                    s.streams).withMicroBatches(s.microBatches).withDevices(s.devices);
            int iterations = (s.method.epochOrders(0).get(0).length + c.batchSize - 1) / c.batchSize;
            s.observer.stageStarted(s.stage, s.method.describe(), firstEpoch, c.epochs, iterations);
            Divergence divergence = new Divergence(s.stage, c, lastCheckpoint(), iterations);

            // Crops and flips of this stage: a stream of its own, apart from every other stage's.
            long augmentationSeed = s.streams.stream("augmentation").nextLong();
            EvaluationResult last = null;
            EvaluationResult lastValidation = null;
            int epochs = s.smoke ? Math.min(1, c.epochs) : c.epochs;
            for (int epoch = firstEpoch; epoch < epochs; epoch++) {
                long started = System.nanoTime();
                double lossSum = 0;
                int seen = 0;
                double lr = schedule.lr(epoch, 0, iterations);
                try (BatchStream stream = new BatchStream(s.train, s.trainMaker, true, s.method.epochOrders(epoch),
                        c.batchSize, augmentationSeed, epoch, s.prefetch, s.workers)) {
                    for (int it = 0; stream.hasNext() && !(s.smoke && it >= RunConfig.RuntimeConfig.SMOKE_BATCHES); it++) {
                        List<HostBatch> batches = stream.next();
                        lr = schedule.lr(epoch, it, iterations);
                        double loss = step.run(batches, lr, epoch, it);
                        divergence.checkLoss(loss, epoch, it, lr);
                        lossSum += loss * batches.get(0).size();
                        seen += batches.get(0).size();
                        s.observer.iterationDone(epoch, it, loss, lr);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                divergence.checkWeights(s.model, epoch, lr);
                boolean lastEpoch = epoch == epochs - 1;
                EvaluationResult eval = null;
                EvaluationResult validation = null;
                Double evalSeconds = null;
                if (lastEpoch || s.evalEvery > 0 && (epoch + 1) % s.evalEvery == 0) {
                    long evalStarted = System.nanoTime();
                    eval = s.evaluator.evaluate(s.model, s.method.prediction());
                    validation = s.validation == null ? null : s.validation.evaluate(s.model, s.method.prediction());
                    evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
                    double score = choosing(eval, validation).top1();
                    if (score > bestTop1) {
                        bestTop1 = score;
                        bestEpoch = epoch + 1;
                        best = asMap(eval);
                        bestValidation = validation == null ? null : summary(validation);
                        saveBest(optimizer, epoch + 1, bestTop1, eval, validation);
                    }
                }
                if (lastEpoch) {
                    last = eval;
                    lastValidation = validation;
                }
                EpochRecord record = new EpochRecord(s.stage, epoch + 1, lr, lossSum / Math.max(1, seen), seconds,
                        seen / seconds,
                        eval == null ? null : EpochRecord.EvaluationSummary.of(eval),
                        validation == null ? null : EpochRecord.EvaluationSummary.of(validation), evalSeconds,
                        ProcessMemory.residentMiB());
                Files2.appendLine(s.folder.resolve("metrics.jsonl"), Json.line(record));
                saveCheckpoint(lastCheckpoint(), optimizer, epoch + 1, bestTop1, bestEpoch);
                s.observer.epochDone(record);
            }
            if (last == null) {
                // The stage had already finished before a resume, or is post-hoc (no epochs): evaluate what
                // the model holds.
                last = s.evaluator.evaluate(s.model, s.method.prediction());
                lastValidation = s.validation == null ? null : s.validation.evaluate(s.model, s.method.prediction());
            }
            if (epochs == 0 && !Checkpoint.exists(lastCheckpoint())) {
                // A post-hoc stage (tau-norm) keeps its edited model like any stage, for eval and later stages.
                best = asMap(last);
                bestValidation = lastValidation == null ? null : summary(lastValidation);
                bestEpoch = 0;
                double score = choosing(last, lastValidation).top1();
                saveCheckpoint(lastCheckpoint(), optimizer, 0, score, 0);
                saveBest(optimizer, 0, score, last, lastValidation);
            }
            if (best != null && bestValidation != null) {
                best.put("validation", bestValidation);
            }
            Outcome outcome = new Outcome(last, lastValidation, epochs, best, bestEpoch,
                    ChosenOn.bestEpoch(s.validation == null ? null : s.validationSource));
            Json.write(s.folder.resolve("results.json"), results(outcome));
            s.observer.stageDone(s.stage);
            return outcome;
        }
    }

    /**
     * An epoch's metrics line is written just before its checkpoint, so a run killed in between (or while
     * writing the line) has lines past its last checkpoint; the resumed run trains and logs those epochs
     * again. Keep only the complete lines of the epochs the checkpoint holds.
     */
    private void keepMetricsUpTo(int epochsDone) throws IOException {
        Path file = s.folder.resolve("metrics.jsonl");
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text = Files.readString(file);
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            try {
                int epoch = line.isBlank() ? Integer.MAX_VALUE
                        : Json.mapper().readTree(line).path("epoch").asInt(Integer.MAX_VALUE);
                if (epoch <= epochsDone) {
                    kept.append(line).append('\n');
                }
            } catch (JsonProcessingException e) {
                // a line cut short by the kill
            }
        }
        if (!kept.toString().equals(text)) {
            Files2.writeAtomically(file, kept.toString());
        }
    }

    /** The evaluation that chooses the best epoch: the validation split's when there is one, else the test set's. */
    private static EvaluationResult choosing(EvaluationResult test, EvaluationResult validation) {
        return validation != null ? validation : test;
    }

    /** The best checkpoint, with its test figures (evaluation.json) and validation figures beside it. */
    private void saveBest(PytorchSgd optimizer, int epochsDone, double bestScore, EvaluationResult test,
            EvaluationResult validation) throws IOException {
        saveCheckpoint(bestCheckpoint(), optimizer, epochsDone, bestScore, epochsDone);
        Json.write(bestCheckpoint().resolve("evaluation.json"), test);
        if (validation != null) {
            Json.write(bestCheckpoint().resolve(VALIDATION_FILE), summary(validation));
        }
    }

    /** The best checkpoint's validation figures, beside its test figures (evaluation.json). */
    private static final String VALIDATION_FILE = "validation.json";

    private void saveCheckpoint(Path dir, PytorchSgd optimizer, int epochsDone, double bestTop1, int bestEpoch)
            throws IOException {
        try (NDManager copies = s.manager.newSubManager()) {
            Checkpoint.save(dir, s.model, optimizer.state(copies),
                    new Checkpoint.Progress(s.stage, epochsDone, bestTop1, bestEpoch));
        }
    }

    private Map<String, Object> results(Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", s.stage);
        out.put("method", s.method.describe());
        out.put("epoch", o.lastEpoch());
        out.putAll(asMap(o.last()));
        if (o.lastValidation() != null) {
            out.put("validation", summary(o.lastValidation()));
        }
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("epoch", o.bestEpoch());
        if (o.best() != null) {
            best.putAll(o.best());
        }
        out.put("best", best);
        out.put("best_chosen_on", o.bestChosenOn());
        out.put("engine", MatrixKernels.record());
        return out;
    }

    /** The headline validation figures (top-1, top-5, many / medium / few, ECE) as results.json keeps them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(EvaluationResult r) {
        return Json.mapper().convertValue(EpochRecord.EvaluationSummary.of(r), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(EvaluationResult r) {
        return Json.mapper().convertValue(r, LinkedHashMap.class);
    }
}
