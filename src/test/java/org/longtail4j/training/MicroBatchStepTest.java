package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.methods.StageComposer;
import org.longtail4j.methods.TrainingMethod;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;
import org.longtail4j.parts.RandomStreams;

/**
 * A step computed over slices of the batch (the data-parallel rule of several GPUs, run here as
 * micro-batches on the CPU) moves the weights exactly as the full-batch step does: each slice's mean loss
 * weighted by its share of the batch. Summing the slices' gradients unweighted, as DJL's parameter server
 * does, would give N times the gradient and fail these comparisons.
 */
class MicroBatchStepTest {

    private static final int CLASSES = 4;
    private static final int BATCH = 10;
    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3};

    @Test
    void slicesCoverTheBatchWithWeightsSummingToOne() {
        List<BatchSlices.Slice> slices = BatchSlices.of(10, 3);
        assertEquals(List.of(new BatchSlices.Slice(0, 4, 0.4f), new BatchSlices.Slice(4, 7, 0.3f),
                new BatchSlices.Slice(7, 10, 0.3f)), slices);
        assertEquals(2, BatchSlices.of(2, 8).size(), "never an empty slice");
        assertEquals(1f, BatchSlices.of(2, 8).get(0).weight() * 2, 1e-6);
        assertThrows(IllegalArgumentException.class, () -> BatchSlices.of(0, 2));
    }

    @Test
    void microBatchStepsEqualFullBatchSteps() {
        for (int slices : new int[] {2, 3, 10}) {
            assertSameSteps(slices, List.of());
        }
    }

    /**
     * Several devices: every slice after the first runs on copies of the parameters (made with copy on
     * the CPU here, where a GPU would need a transfer), whose gradients must flow back into the
     * parameters through the copies. Were they lost, only the first slice's share would be applied.
     */
    @Test
    void replicaStepsEqualFullBatchSteps() {
        assertSameSteps(1, List.of(Device.cpu(), Device.cpu()));
        assertSameSteps(2, List.of(Device.cpu(), Device.cpu(), Device.cpu()));
    }

    /** What the replica path rests on: a copying store makes a real copy, and backward reaches the original. */
    @Test
    void copiesMadeInTheCollectorCarryGradientsBack() {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager replica = manager.newSubManager()) {
            ai.djl.nn.Parameter p = Gradients.parameter(manager, "w", new float[] {1, 2, 3}, new Shape(3));
            try (ai.djl.training.GradientCollector collector =
                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray copy = new ai.djl.training.ParameterStore(replica, true).getValue(p, Device.cpu(), true);
                assertTrue(copy != p.getArray(), "a copy, not the parameter itself");
                collector.backward(copy.mul(copy).sum()); // d/dw sum(w^2) = 2w
            }
            assertArrayEquals(new float[] {2, 4, 6}, p.getArray().getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 2, 3}, p.getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void devicesSettingOnAMachineWithoutGpus() {
        RunConfig.RuntimeConfig runtime = new RunConfig.RuntimeConfig();
        assertEquals(List.of(Device.cpu()), EngineSetup.devices(runtime));
        for (String missing : new String[] {"gpu", "gpu:1", "gpu:0,1", "gpus"}) {
            runtime.device = missing;
            String message = assertThrows(BadInputException.class, () -> EngineSetup.devices(runtime)).getMessage();
            assertTrue(message.contains("runtime.device") && message.contains(missing), message);
        }
    }

    private static void assertSameSteps(int slices, List<Device> devices) {
        float[][][] fullRun = train(1, List.of());
        float[][] full = fullRun[1];
        float[][] sliced = train(slices, devices)[1];
        double largestChange = 0;
        for (int p = 0; p < full.length; p++) {
            for (int i = 0; i < full[p].length; i++) {
                assertEquals(full[p][i], sliced[p][i], 1e-5 + 1e-4 * Math.abs(full[p][i]),
                        slices + " slices on " + devices + ", parameter " + p + " element " + i);
            }
        }
        float[][] start = fullRun[0];
        for (int p = 0; p < full.length; p++) {
            for (int i = 0; i < full[p].length; i++) {
                largestChange = Math.max(largestChange, Math.abs(full[p][i] - start[p][i]));
            }
        }
        assertTrue(largestChange > 1e-3, "the steps moved the weights: " + largestChange);
    }

    /**
     * The trained parameters before and after three SGD steps (momentum, weight decay) on fixed batches,
     * from a seeded start.
     */
    private static float[][][] train(int microBatches, List<Device> devices) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = model(manager);
            StageConfig config = new StageConfig();
            config.method = "ce";
            config.epochs = 1;
            config.batchSize = BATCH;
            TrainingMethod ce = StageComposer.compose("stage1", config, LABELS, ClassStatistics.of(4, 3, 2, 1), 0);
            ce.prepare(model);
            PairList<String, ai.djl.nn.Parameter> trainable = ce.trainable(model);
            float[][] before = values(trainable);
            try (PytorchSgd sgd = new PytorchSgd(0.9, 5e-4, false)) {
                TrainingStep step = new TrainingStep(ce, model, manager, trainable, sgd, new RandomStreams(1, "stage1"))
                        .withMicroBatches(microBatches).withDevices(devices);
                SplittableRandom random = new SplittableRandom(7);
                for (int it = 0; it < 3; it++) {
                    float[] pixels = new float[BATCH * 3 * 6 * 6];
                    for (int i = 0; i < pixels.length; i++) {
                        pixels[i] = (float) random.nextGaussian();
                    }
                    NDArray images = manager.create(pixels, new Shape(BATCH, 3, 6, 6));
                    NDArray labels = manager.create(LABELS);
                    double loss = step.runOnArrays(List.of(images), List.of(labels), 0.5, 0, it);
                    assertTrue(Double.isFinite(loss));
                    images.close();
                    labels.close();
                }
            }
            return new float[][][] {before, values(trainable)};
        }
    }

    /** A network without BatchNorm (whose per-slice statistics would differ by design), seeded. */
    private static ImageClassifier model(NDManager manager) {
        EngineSetup.seed(11);
        SequentialBlock backbone = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(5).optPadding(new Shape(1, 1)).build())
                .add(Activation::relu);
        ImageClassifier model = new ImageClassifier(backbone, new LinearHead(CLASSES));
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 6, 6));
        return model;
    }

    private static float[][] values(PairList<String, ai.djl.nn.Parameter> parameters) {
        float[][] out = new float[parameters.size()][];
        int i = 0;
        for (Pair<String, ai.djl.nn.Parameter> p : parameters) {
            out[i++] = p.getValue().getArray().toFloatArray();
        }
        return out;
    }
}
