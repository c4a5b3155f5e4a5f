package org.longtail4j.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.longtail4j.data.HostBatch;
import org.longtail4j.methods.Step;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.parts.RandomStreams;

/**
 * One training iteration of a stage, as {@link StageTrainer} runs it: the batches go into a per-step
 * sub-manager, the method's loss is computed under a gradient collector, gradients flow back, and
 * {@link PytorchSgd} updates the method's trainable parameters. Everything the step makes is released
 * when it returns.
 *
 * <p>Its own class so that the benchmark ({@code longtail bench}) times exactly the trainer's step,
 * both from host batches (the training loop) and from engine arrays made in advance (the bare step).
 */
public final class TrainingStep {

    private final TrainingMethod method;
    private final ImageClassifier model;
    private final NDManager manager;
    private final ParameterStore parameters;
    private final PytorchSgd optimizer;
    private final RandomStreams streams;
    private final List<LrGroups.Group> groups;
    private int microBatches = 1;
    private List<Device> devices = List.of();

    /**
     * @param manager the long-lived manager of the model; each step opens a sub-manager of it
     * @param trainable the parameters the optimizer updates ({@code method.trainable(model)})
     * @param streams the stage's random streams; the method's per-iteration draws derive from them
     */
    public TrainingStep(TrainingMethod method, ImageClassifier model, NDManager manager,
            PairList<String, Parameter> trainable, PytorchSgd optimizer, RandomStreams streams) {
        this(method, model, manager, trainable, java.util.Map.of(), optimizer, streams);
    }

    /**
     * @param lrFactors learning-rate factors by part of the model (backbone, head, scale); parameters of
     *     a part not named train at the step's rate
     */
    public TrainingStep(TrainingMethod method, ImageClassifier model, NDManager manager,
            PairList<String, Parameter> trainable, java.util.Map<String, Double> lrFactors, PytorchSgd optimizer,
            RandomStreams streams) {
        this.groups = LrGroups.of(model, trainable, lrFactors);
        this.method = method;
        this.model = model;
        this.manager = manager;
        this.parameters = new ParameterStore(manager, false);
        this.optimizer = optimizer;
        this.streams = streams;
    }

    /**
     * Computes each step's gradient over {@code count} slices of the batch, one after the other, instead
     * of the whole batch at once (see {@link BatchSlices}): the same update up to float rounding where the
     * model treats samples independently, at a fraction of the activation memory. BatchNorm then
     * normalises each slice with its own statistics, as it does on each of several GPUs. 1 (the default)
     * runs the whole batch.
     *
     * @return this step
     */
    public TrainingStep withMicroBatches(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("micro-batches must be at least 1, not " + count);
        }
        this.microBatches = count;
        return this;
    }

    /**
     * Splits each step's batch over several devices (data parallelism in one process): slice k of the
     * batch (the same rows of every batch stream) runs on {@code devices.get(k)} against a copy of the
     * parameters made there inside the gradient collector. The copy is part of the autograd graph, so
     * backward carries every slice's gradient, weighted by the slice's share of the batch, into the
     * parameters themselves on the first device, where the one optimizer step is taken; the next step
     * copies the updated values out again. BatchNorm's running statistics are the first device's slice's,
     * as with PyTorch's DataParallel. Combined with {@link #withMicroBatches}, each device runs that many
     * slices in turn.
     *
     * @param devices the devices, the model's own first; one device (or none) trains as before
     * @return this step
     */
    public TrainingStep withDevices(List<Device> devices) {
        this.devices = List.copyOf(devices);
        return this;
    }

    /** One step on host batches (one per batch stream), copied into the engine first, as the trainer runs it. */
    public double run(List<HostBatch> batches, double lr, int epoch, int iteration) {
        try (NDManager stepManager = manager.newSubManager()) {
            List<NDArray> images = new ArrayList<>(batches.size());
            List<NDArray> labels = new ArrayList<>(batches.size());
            for (HostBatch b : batches) {
                images.add(b.images(stepManager));
                labels.add(b.labelArray(stepManager));
            }
            return run(images, labels, stepManager, lr, epoch, iteration);
        }
    }

    /**
     * One step on arrays already in the engine (made in advance, e.g. by a benchmark). They are
     * attached to the step's manager only for the step, so that everything computed from them is
     * released with it, and go back to their owner afterwards.
     */
    public double runOnArrays(List<NDArray> images, List<NDArray> labels, double lr, int epoch, int iteration) {
        try (NDManager stepManager = manager.newSubManager()) {
            for (NDArray a : images) {
                a.tempAttach(stepManager);
            }
            for (NDArray a : labels) {
                a.tempAttach(stepManager);
            }
            return run(images, labels, stepManager, lr, epoch, iteration);
        }
    }

    private double run(List<NDArray> images, List<NDArray> labels, NDManager stepManager, double lr, int epoch,
            int iteration) {
        float loss = 0;
        int replicas = Math.max(1, devices.size());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            if (microBatches == 1 && replicas == 1) {
                NDArray value = method.loss(new Step(model, parameters, images, labels, epoch, iteration, streams,
                        stepManager));
                collector.backward(value);
                loss = value.getFloat();
            } else {
                // Each slice's loss is a mean over the slice; weighted by its share of the batch, the
                // gradients that backward adds up are those of the full batch's mean (not N times it, as
                // DJL's parameter server would have them). Every slice sees the same step position, so
                // draws made per iteration (H2T's channels) are the same on every slice.
                List<BatchSlices.Slice> slices =
                        BatchSlices.of((int) images.get(0).getShape().get(0), microBatches * replicas);
                NDManager[] deviceManagers = new NDManager[replicas];
                ParameterStore[] stores = new ParameterStore[replicas];
                for (int k = 0; k < slices.size(); k++) {
                    BatchSlices.Slice slice = slices.get(k);
                    int d = k * replicas / slices.size();
                    if (stores[d] == null) {
                        // The first device trains on the parameters themselves; the others on copies, made
                        // on first use inside the collector so that their gradients flow back.
                        deviceManagers[d] = d == 0 ? stepManager : stepManager.newSubManager(devices.get(d));
                        stores[d] = d == 0 ? parameters : new ParameterStore(deviceManagers[d], true);
                    }
                    Step step = new Step(model, stores[d], onDevice(slice.of(images), deviceManagers[d]),
                            onDevice(slice.of(labels), deviceManagers[d]), epoch, iteration, streams,
                            deviceManagers[d]);
                    NDArray value = method.loss(step).mul(slice.weight());
                    collector.backward(value);
                    loss += value.getFloat();
                }
            }
        }
        for (LrGroups.Group group : groups) {
            optimizer.step(group.parameters(), lr * group.factor());
        }
        return loss;
    }

    /** The arrays on the manager's device (as they are when they already live there). */
    private static List<NDArray> onDevice(List<NDArray> arrays, NDManager target) {
        List<NDArray> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            NDArray moved = a.toDevice(target.getDevice(), false);
            if (moved != a) {
                moved.attach(target);
            }
            out.add(moved);
        }
        return out;
    }
}
