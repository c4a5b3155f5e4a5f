package org.longtail4j.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.data.sampling.Sampler;
import org.longtail4j.losses.Loss;
import org.longtail4j.losses.LossContext;
import org.longtail4j.losses.Targets;
import org.longtail4j.mixing.BatchMixing;
import org.longtail4j.mixing.LabelledImages;
import org.longtail4j.mixing.MixedBatch;
import org.longtail4j.mixing.MixingContext;
import org.longtail4j.models.BranchInputs;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.ModelOutput;

/**
 * A training stage composed of registered parts (built by {@link StageComposer}): per iteration the
 * primary batch, optionally mixed with itself or an extra stream (or, BBN, paired with one: one input per
 * branch); the model's output, or with a frozen
 * backbone its maps, optionally transformed (H2T, with the maps of an extra stream) before the head;
 * and the loss of that output against the batch's targets. Batch streams are ordered: the primary,
 * then the mixing's extra streams, then the transform's.
 */
public final class ComposedStage implements TrainingMethod {

    /** The parts of the stage; mixing, transform may be null. */
    public record Parts(
            Sampler primary,
            BatchMixing mixing,
            List<Sampler> mixingStreams,
            FeatureTransform transform,
            List<Sampler> transformStreams,
            Loss loss,
            List<StageEdit> edits,
            Prediction prediction) {}

    private final Parts parts;
    private final ClassStatistics classes;
    private final int epochs;
    /** Null when the backbone trains; else whether the frozen backbone runs in training mode (shift BN). */
    private final Boolean frozenBackboneTraining;

    private final String description;

    ComposedStage(Parts parts, ClassStatistics classes, int epochs, String description) {
        this.parts = parts;
        this.description = description;
        this.classes = classes;
        this.epochs = epochs;
        Boolean mode = null;
        for (StageEdit edit : parts.edits()) {
            if (edit.frozenBackboneInTrainingMode() != null) {
                mode = edit.frozenBackboneInTrainingMode();
            }
        }
        this.frozenBackboneTraining = mode;
    }

    @Override
    public Prediction prediction() {
        return parts.prediction();
    }

    @Override
    public List<int[]> epochOrders(int epoch) {
        List<int[]> orders = new ArrayList<>();
        int[] primary = parts.primary().epoch(epoch);
        orders.add(primary);
        for (Sampler s : parts.mixingStreams()) {
            orders.add(fitted(s.epoch(epoch), primary.length));
        }
        for (Sampler s : parts.transformStreams()) {
            orders.add(fitted(s.epoch(epoch), primary.length));
        }
        return orders;
    }

    /**
     * The primary sampler defines the epoch; an extra stream is paired with it batch by batch, so it is
     * cut to the primary's length, or walked again from its start where it is shorter (the class-aware
     * sampler's ceil(N / B) + 1 batches are more than N positions).
     */
    static int[] fitted(int[] order, int length) {
        if (order.length == length || order.length == 0) {
            return order;
        }
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = order[i % order.length];
        }
        return out;
    }

    @Override
    public void prepare(ImageClassifier model) {
        int inputs = parts.mixing() == null ? 1 : parts.mixing().branchInputs();
        if (inputs > 1 && !(model.backbone() instanceof BranchInputs b && b.branchCount() == inputs)) {
            throw new BadInputException(description + ": the mixing gives one batch per branch (" + inputs
                    + "); model.arch must take one input per branch (bbn-resnet32 with head bbn)");
        }
        for (StageEdit edit : parts.edits()) {
            edit.apply(model);
        }
        parts.prediction().requireModel(model);
    }

    @Override
    public PairList<String, Parameter> trainable(ImageClassifier model) {
        return Trainable.of(model);
    }

    @Override
    public NDArray loss(Step step) {
        NDArray images = step.images().get(0);
        NDArray labels = step.labels().get(0);
        int next = 1;
        MixedBatch batch;
        if (parts.mixing() == null) {
            batch = new MixedBatch(images, Targets.of(labels));
        } else {
            List<LabelledImages> extra = new ArrayList<>();
            for (int i = 0; i < parts.mixingStreams().size(); i++, next++) {
                extra.add(new LabelledImages(step.images().get(next), step.labels().get(next)));
            }
            batch = parts.mixing().mix(images, labels, extra,
                    new MixingContext(classes, step.epoch(), epochs, step.random("mixing")));
        }
        ModelOutput output;
        if (frozenBackboneTraining == null) {
            output = step.model().output(step.parameters(), batch.inputs(), true);
        } else {
            NDList maps = step.model().backbone().forward(step.parameters(),
                    new NDList(batch.inputs().toArray(new NDArray[0])), frozenBackboneTraining);
            if (parts.transform() != null) {
                List<NDList> extraMaps = new ArrayList<>();
                for (int i = 0; i < parts.transformStreams().size(); i++, next++) {
                    extraMaps.add(step.model().backbone().forward(step.parameters(),
                            new NDList(step.images().get(next)), frozenBackboneTraining));
                }
                maps = parts.transform().apply(maps, extraMaps, step.random("transform"));
            }
            output = step.model().headOutput(step.parameters(), maps, true);
        }
        return parts.loss().loss(output, batch.targets(),
                new LossContext(classes, step.epoch(), epochs, step.random("loss")));
    }

    @Override
    public String describe() {
        return description;
    }
}
