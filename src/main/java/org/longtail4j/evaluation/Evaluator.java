package org.longtail4j.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.longtail4j.data.Augmentation;
import org.longtail4j.data.BatchStream;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.HostBatch;
import org.longtail4j.data.ImageDataset;
import org.longtail4j.methods.Prediction;
import org.longtail4j.methods.Predictions;
import org.longtail4j.data.LabelledImages;
import org.longtail4j.data.SampleMaker;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.util.Shuffle;

/**
 * Runs a model over the test set in inference mode (BatchNorm uses its running statistics, no
 * gradients) and measures it. Only softmax probabilities leave the engine; the figures are computed
 * in Java by {@link EvaluationAccumulator}.
 */
public final class Evaluator {

    private final LabelledImages test;
    private final SampleMaker normalisation;
    private final int batchSize;
    private final ClassGroups groups;
    private final NDManager manager;
    private final int prefetch;
    private final int workers;
    /** Evaluate only this many batches (a smoke run); 0 = the whole set. */
    private final int maxBatches;

    /** A small in-memory test set, only normalised, batches made on one background thread. */
    public Evaluator(ImageDataset test, Augmentation normalisation, int batchSize, ClassGroups groups,
            NDManager manager, int prefetch) {
        this(test, normalisation.maker(test), batchSize, groups, manager, prefetch, 1);
    }

    /**
     * Any test set, its samples made by {@code testTransform} (no random draws) on {@code workers}
     * threads.
     */
    public Evaluator(LabelledImages test, SampleMaker testTransform, int batchSize, ClassGroups groups,
            NDManager manager, int prefetch, int workers) {
        this(test, testTransform, batchSize, groups, manager, prefetch, workers, 0);
    }

    private Evaluator(LabelledImages test, SampleMaker testTransform, int batchSize, ClassGroups groups,
            NDManager manager, int prefetch, int workers, int maxBatches) {
        this.maxBatches = maxBatches;
        this.test = test;
        this.normalisation = testTransform;
        this.batchSize = batchSize;
        this.groups = groups;
        this.manager = manager;
        this.prefetch = prefetch;
        this.workers = workers;
    }

    /** The same evaluation on the first {@code batches} batches only (smoke runs). */
    public Evaluator limitedTo(int batches) {
        return new Evaluator(test, normalisation, batchSize, groups, manager, prefetch, workers, batches);
    }

    /** The figures of {@code model} with its plain prediction (the combined logits). */
    public EvaluationResult evaluate(ImageClassifier model) {
        return evaluate(model, Predictions.plain());
    }

    /** The figures of {@code model} when scores come from {@code prediction} (e.g. post-hoc logit adjustment). */
    public EvaluationResult evaluate(ImageClassifier model, Prediction prediction) {
        EvaluationAccumulator accumulator = new EvaluationAccumulator(groups);
        ParameterStore parameters = new ParameterStore(manager, false);
        try (BatchStream stream = new BatchStream(test, normalisation, false, List.of(Shuffle.identity(test.size())),
                batchSize, 0, 0, prefetch, workers)) {
            for (int done = 0; stream.hasNext() && (maxBatches == 0 || done < maxBatches); done++) {
                HostBatch batch = stream.next().get(0);
                try (NDManager step = manager.newSubManager()) {
                    org.longtail4j.models.ModelOutput output = model.output(parameters, batch.images(step), false);
                    NDArray logits = prediction.scores(output);
                    accumulator.add(logits.softmax(1).toFloatArray(), batch.labels());
                    NDArray used = prediction.expertsUsed(output);
                    if (used != null) {
                        accumulator.addExpertsUsed(used.toFloatArray());
                    }
                }
            }
        }
        return accumulator.result();
    }
}
