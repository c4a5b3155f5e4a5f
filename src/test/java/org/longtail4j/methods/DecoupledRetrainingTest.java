package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.Augmentation;
import org.longtail4j.data.ClassGroups;
import org.longtail4j.data.ImageDataset;
import org.longtail4j.evaluation.Evaluator;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.losses.CrossEntropy;
import org.longtail4j.losses.LossContext;
import org.longtail4j.methods.h2t.FeatureFusion;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;
import org.longtail4j.models.CifarResNet;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;
import org.longtail4j.training.StageTrainer;
import org.longtail4j.training.TrainingObserver;

/**
 * DR and DR + H2T (classifier re-training, spec step by step: /work/shared/spec/h2t.md, "Stage 2"),
 * checked through real stages on a tiny long-tailed set (4 classes of 8x8 images, 24/12/6/3 images, a
 * ResNet-8) and through the method's loss directly.
 */
class DecoupledRetrainingTest {

    private static final int CLASSES = 4;
    private static final int[] COUNTS = {24, 12, 6, 3};
    private static final int SIDE = 8;
    private static final long SEED = 3;

    private static NDManager manager;
    private static ImageDataset train;
    /** The "stage-1" weights every test starts from (a freshly initialised model stands in for them). */
    private static byte[] stageOne;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        manager = NDManager.newBaseManager();
        train = tinyLongTailedSet();
        Engine.getInstance().setRandomSeed(1);
        ImageClassifier model = newModel();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.saveParameters(new DataOutputStream(bytes));
        stageOne = bytes.toByteArray();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    // ---------------------------------------------------------------- through StageTrainer

    /**
     * Shift BN: after a real stage of 6 iterations every backbone weight, BN gamma and BN beta is the
     * same bit for bit (weight decay would move them if they were stepped), every BN running mean and
     * variance has moved, and the head's weight and bias have changed. The epoch is ceil(N / B) =
     * ceil(45 / 8) = 6 iterations (the instance pass drives it; the last batch is short).
     */
    @Test
    void shiftBnStageTrainsOnlyTheHeadAndReEstimatesBatchNormStatistics() throws Exception {
        ImageClassifier model = stageOneModel();
        Map<String, float[]> before = snapshot(model);
        int[] iterations = new int[2];
        runStage(model, config(0.5, "shift", "finetune", 0.1), new TrainingObserver() {
            @Override
            public void stageStarted(String stage, String description, int firstEpoch, int epochs, int perEpoch) {
                iterations[0] = perEpoch;
            }

            @Override
            public void iterationDone(int epoch, int iteration, double loss, double lr) {
                iterations[1]++;
            }
        });
        Map<String, float[]> after = snapshot(model);
        assertArrayEquals(new int[] {6, 6}, iterations, "iterations announced and run");

        Predicate<Parameter> backbone = backbone(model);
        assertUnchanged(model, before, after, backbone.and(p -> !isRunningStatistic(p)));
        assertAllChanged(model, before, after, backbone.and(DecoupledRetrainingTest::isRunningStatistic));
        assertAllChanged(model, before, after, backbone.negate());
    }

    /** Frozen BN: the backbone, running statistics included, stays exactly as stage 1 left it. */
    @Test
    void frozenBnStageKeepsTheWholeBackboneIncludingRunningStatistics() throws Exception {
        ImageClassifier model = stageOneModel();
        Map<String, float[]> before = snapshot(model);
        runStage(model, config(0.5, "frozen", "finetune", 0.1));
        Map<String, float[]> after = snapshot(model);

        assertUnchanged(model, before, after, backbone(model));
        assertAllChanged(model, before, after, backbone(model).negate());
    }

    /**
     * Learning rate 0 shows the starting point: finetune leaves the stage-1 head bit for bit (here with
     * p = 0, plain DR on one stream), reinit (here with p = 0.25) replaces it by a fresh draw (bias
     * uniform in +-1/sqrt(64), weight Kaiming-normal with std sqrt(2/64) = 0.177).
     */
    @Test
    void finetuneStartsFromTheStageOneHeadAndReinitRedrawsIt() throws Exception {
        ImageClassifier tuned = stageOneModel();
        Map<String, float[]> before = snapshot(tuned);
        runStage(tuned, config(0, "frozen", "finetune", 0));
        assertUnchanged(tuned, before, snapshot(tuned), q -> true);

        ImageClassifier redrawn = stageOneModel();
        runStage(redrawn, config(0.25, "frozen", "reinit", 0));
        Map<String, float[]> after = snapshot(redrawn);
        assertUnchanged(redrawn, before, after, backbone(redrawn));
        float[] weight = after.get(headName(redrawn, Parameter.Type.WEIGHT));
        float[] bias = after.get(headName(redrawn, Parameter.Type.BIAS));
        float[] oldWeight = before.get(headName(redrawn, Parameter.Type.WEIGHT));
        float[] oldBias = before.get(headName(redrawn, Parameter.Type.BIAS));
        for (int i = 0; i < weight.length; i++) {
            assertNotEquals(oldWeight[i], weight[i], "head weight " + i + " redrawn");
        }
        for (int i = 0; i < bias.length; i++) {
            assertNotEquals(oldBias[i], bias[i], "head bias " + i + " redrawn");
            assertTrue(Math.abs(bias[i]) <= 1 / Math.sqrt(CifarResNet.FEATURE_CHANNELS), "bias " + bias[i]);
        }
        double std = Math.sqrt(Arrays.stream(toDoubles(weight)).map(w -> w * w).average().orElseThrow());
        assertTrue(std > 0.14 && std < 0.22, "redrawn weight std " + std + ", expected about 0.177");
    }

    // ---------------------------------------------------------------- the two streams

    /**
     * The balanced stream draws a class uniformly, then an image of it uniformly: over 20 epochs of a
     * 8-class set with counts 500..5 the class frequencies pass a chi-square test against uniform (7
     * degrees of freedom, bound 24.32 at p = 0.001), and the images of one class are drawn uniformly
     * (its 10 images, 9 degrees of freedom, bound 27.88). The instance stream visits every position
     * exactly once per epoch, in a new order each epoch. Both have N positions per epoch.
     */
    @Test
    void balancedStreamIsClassUniformAndInstanceStreamIsAShuffledPass() {
        int[] counts = {500, 300, 150, 80, 40, 20, 10, 5};
        ImageDataset big = labelsOnly(counts);
        int n = big.size();
        TrainingMethod method = compose(config(0.25, "shift", "finetune", 0.02), big);
        int[] classFrequency = new int[counts.length];
        int[] memberFrequency = new int[10];
        int firstOfClass6 = Arrays.stream(counts, 0, 6).sum();
        int[] previousInstance = null;
        int[] previousBalanced = null;
        int epochs = 20;
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<int[]> orders = method.epochOrders(epoch);
            assertEquals(2, orders.size(), "p > 0: balanced and instance streams");
            int[] balanced = orders.get(0);
            int[] instance = orders.get(1);
            assertEquals(n, balanced.length);
            assertEquals(n, instance.length);
            for (int position : balanced) {
                classFrequency[big.label(position)]++;
                if (big.label(position) == 6) {
                    memberFrequency[position - firstOfClass6]++;
                }
            }
            int[] sorted = instance.clone();
            Arrays.sort(sorted);
            assertArrayEquals(identity(n), sorted, "epoch " + epoch + ": every index exactly once");
            assertFalse(Arrays.equals(identity(n), instance), "shuffled");
            if (previousInstance != null) {
                assertFalse(Arrays.equals(previousInstance, instance), "a new order each epoch");
                assertFalse(Arrays.equals(previousBalanced, balanced), "new balanced draws each epoch");
            }
            previousInstance = instance;
            previousBalanced = balanced;
        }
        assertTrue(chiSquareUniform(classFrequency) < 24.32,
                "class frequencies of the balanced stream " + Arrays.toString(classFrequency));
        assertTrue(chiSquareUniform(memberFrequency) < 27.88,
                "draws of the 10 images of class 6 " + Arrays.toString(memberFrequency));
        // The long-tailed set itself is far from uniform: the test would notice instance sampling.
        int[] instanceFrequency = new int[counts.length];
        for (int position : method.epochOrders(0).get(1)) {
            instanceFrequency[big.label(position)]++;
        }
        assertArrayEquals(counts, instanceFrequency);
    }

    /** p = 0 (plain DR) draws the balanced stream alone, the same draws the fused branch gets with p > 0. */
    @Test
    void ratioZeroDrawsOnlyTheBalancedStream() {
        TrainingMethod plain = compose(config(0, "shift", "finetune", 0.02), train);
        TrainingMethod fused = compose(config(0.3, "shift", "finetune", 0.02), train);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(1, plain.epochOrders(epoch).size());
            assertArrayEquals(fused.epochOrders(epoch).get(0), plain.epochOrders(epoch).get(0));
        }
    }

    // ---------------------------------------------------------------- the loss

    /**
     * The loss is exactly CE(head(fuse(backbone(balanced), backbone(instance), S)), balanced labels),
     * with S drawn from the step's generator, samples paired by position. The instance labels never
     * enter it: permuted, or replaced by labels no class has, the loss is the same bit for bit; other
     * balanced labels or other instance images change it.
     */
    @Test
    void lossIsCrossEntropyOfTheFusedBatchWithTheBalancedLabelsOnly() throws Exception {
        ImageClassifier model = stageOneModel();
        TrainingMethod method = compose(config(0.5, "shift", "finetune", 0.02), train);
        method.prepare(model);
        try (NDManager m = manager.newSubManager()) {
            NDArray balancedImages = m.randomNormal(new Shape(6, 1, SIDE, SIDE));
            NDArray instanceImages = m.randomNormal(new Shape(6, 1, SIDE, SIDE));
            NDArray balancedLabels = m.create(new int[] {3, 2, 1, 0, 3, 2});
            NDArray instanceLabels = m.create(new int[] {0, 0, 0, 1, 0, 2});

            float loss = loss(method, model, m, balancedImages, instanceImages, balancedLabels, instanceLabels);
            float permuted = loss(method, model, m, balancedImages, instanceImages, balancedLabels,
                    m.create(new int[] {2, 0, 1, 0, 0, 0}));
            float corrupted = loss(method, model, m, balancedImages, instanceImages, balancedLabels,
                    m.create(new int[] {1000, -7, 1000, 1000, 55, 9}));
            assertEquals(Float.floatToIntBits(loss), Float.floatToIntBits(permuted), "instance labels permuted");
            assertEquals(Float.floatToIntBits(loss), Float.floatToIntBits(corrupted), "instance labels corrupted");

            float otherBalanced = loss(method, model, m, balancedImages, instanceImages,
                    m.create(new int[] {0, 1, 2, 3, 0, 1}), instanceLabels);
            assertNotEquals(loss, otherBalanced, "balanced labels drive the loss");
            float otherInstanceImages = loss(method, model, m, balancedImages, m.randomNormal(new Shape(6, 1, SIDE,
                    SIDE)), balancedLabels, instanceLabels);
            assertNotEquals(loss, otherInstanceImages, "the grafted channels come from the instance images");

            // The same computation spelled out.
            ParameterStore ps = new ParameterStore(m, false);
            NDList fromBalanced = model.backbone().forward(ps, new NDList(balancedImages), true);
            NDList fromInstance = model.backbone().forward(ps, new NDList(instanceImages), true);
            FeatureFusion fusion = new FeatureFusion(0.5);
            int[] channels = fusion.drawChannels(CifarResNet.FEATURE_CHANNELS, STREAMS.stream("transform", 0, 0));
            assertEquals(32, channels.length);
            NDArray fused = fusion.fuse(fromBalanced.singletonOrThrow(), fromInstance.singletonOrThrow(), channels);
            NDArray logits = model.head().forward(ps, new NDList(fused), true).singletonOrThrow();
            float expected = crossEntropy(logits, balancedLabels).getFloat();
            assertEquals(expected, loss, 1e-6f, "CE of the fused balanced batch");
            // Grafting the other way round (balanced channels onto instance maps) is a different loss.
            NDArray swapped = fusion.fuse(fromInstance.singletonOrThrow(), fromBalanced.singletonOrThrow(), channels);
            NDArray swappedLogits = model.head().forward(ps, new NDList(swapped), true).singletonOrThrow();
            assertNotEquals(expected, crossEntropy(swappedLogits, balancedLabels).getFloat());
        }
    }

    /** p = 0 steps take one stream; an instance batch, were there one, plays no part. */
    @Test
    void ratioZeroLossUsesTheBalancedBatchAlone() throws Exception {
        ImageClassifier model = stageOneModel();
        TrainingMethod method = compose(config(0, "frozen", "finetune", 0.02), train);
        method.prepare(model);
        try (NDManager m = manager.newSubManager()) {
            NDArray images = m.randomNormal(new Shape(5, 1, SIDE, SIDE));
            NDArray labels = m.create(new int[] {0, 1, 2, 3, 3});
            ParameterStore ps = new ParameterStore(m, false);
            float alone = method.loss(new Step(model, ps, List.of(images), List.of(labels), 0, 0,
                    STREAMS, m)).getFloat();
            NDArray logits = model.forward(ps, new NDList(images), false).singletonOrThrow();
            assertEquals(crossEntropy(logits, labels).getFloat(), alone, 1e-6f);
        }
    }

    /**
     * Only the head gets gradients: the optimiser's list holds head parameters only, and after a
     * backward pass through the fused loss the backbone's arrays carry no gradient while the head's do.
     */
    @Test
    void gradientsReachOnlyTheClassifier() throws Exception {
        ImageClassifier model = stageOneModel();
        TrainingMethod method = compose(config(0.5, "shift", "finetune", 0.02), train);
        method.prepare(model);
        List<String> trainable = method.trainable(model).keys();
        assertEquals(2, trainable.size(), "head weight and bias: " + trainable);
        List<String> headNames = new ArrayList<>(model.getParameters().keys());
        headNames.removeIf(name -> backbone(model).test(model.getParameters().get(name)));
        assertEquals(headNames, trainable);
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(method.loss(new Step(model, ps,
                        List.of(m.randomNormal(new Shape(6, 1, SIDE, SIDE)), m.randomNormal(new Shape(6, 1, SIDE, SIDE))),
                        List.of(m.create(new int[] {0, 1, 2, 3, 0, 1}), m.create(new int[] {0, 0, 0, 0, 0, 0})),
                        0, 0, STREAMS, m)));
            }
            Predicate<Parameter> backbone = backbone(model);
            for (Pair<String, Parameter> p : model.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (backbone.test(p.getValue())) {
                    assertFalse(array.hasGradient(), p.getKey() + " has a gradient");
                } else {
                    assertTrue(array.hasGradient(), p.getKey());
                    assertTrue(array.getGradient().abs().sum().getFloat() > 0, p.getKey() + " gradient is zero");
                }
            }
        }
    }

    /**
     * Shift BN moves the running statistics with both forward passes, balanced batch first and then
     * the instance batch (momentum 0.1): the same as running the backbone in training mode on the two
     * batches in that order, and not the same as the reverse order.
     */
    @Test
    void shiftBnUpdatesStatisticsWithTheBalancedBatchThenTheInstanceBatch() throws Exception {
        ImageClassifier viaMethod = stageOneModel();
        ImageClassifier inOrder = stageOneModel();
        ImageClassifier reversed = stageOneModel();
        TrainingMethod method = compose(config(0.5, "shift", "finetune", 0.02), train);
        method.prepare(viaMethod);
        try (NDManager m = manager.newSubManager()) {
            NDArray balanced = m.randomNormal(new Shape(6, 1, SIDE, SIDE));
            NDArray instance = m.randomNormal(2, 3, new Shape(6, 1, SIDE, SIDE), DataType.FLOAT32);
            ParameterStore ps = new ParameterStore(m, false);
            method.loss(new Step(viaMethod, ps, List.of(balanced, instance),
                    List.of(m.create(new int[] {0, 1, 2, 3, 0, 1}), m.create(new int[6])), 0, 0,
                    STREAMS, m));
            inOrder.backbone().forward(ps, new NDList(balanced), true);
            inOrder.backbone().forward(ps, new NDList(instance), true);
            reversed.backbone().forward(ps, new NDList(instance), true);
            reversed.backbone().forward(ps, new NDList(balanced), true);
        }
        Map<String, float[]> got = snapshot(viaMethod);
        Map<String, float[]> want = snapshot(inOrder);
        Map<String, float[]> other = snapshot(reversed);
        for (Pair<String, Parameter> p : viaMethod.getParameters()) {
            if (isRunningStatistic(p.getValue())) {
                assertArrayEquals(want.get(p.getKey()), got.get(p.getKey()), 1e-6f, p.getKey());
                assertFalse(Arrays.equals(other.get(p.getKey()), got.get(p.getKey())), p.getKey() + " order matters");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The stage's random streams, as the trainer makes them for a stage named stage2. */
    private static final RandomStreams STREAMS = new RandomStreams(SEED, "stage2");

    private static TrainingMethod compose(StageConfig config, ImageDataset data) {
        return StageComposer.compose("stage2", config, data.labels(), ClassStatistics.of(data, null), SEED);
    }

    private static NDArray crossEntropy(NDArray logits, NDArray labels) {
        ClassStatistics classes = ClassStatistics.of(new int[(int) logits.getShape().get(1)]);
        return new CrossEntropy(new CrossEntropy.Settings(), new PartContext("loss", classes, STREAMS, 1))
                .loss(logits, labels, new LossContext(classes, 0, 1, null));
    }

    private static float loss(TrainingMethod method, ImageClassifier model, NDManager m, NDArray balancedImages,
            NDArray instanceImages, NDArray balancedLabels, NDArray instanceLabels) {
        Step step = new Step(model, new ParameterStore(m, false), List.of(balancedImages, instanceImages),
                List.of(balancedLabels, instanceLabels), 0, 0, STREAMS, m);
        return method.loss(step).getFloat();
    }

    private static StageConfig config(double p, String bn, String classifier, double lr) {
        StageConfig c = new StageConfig();
        c.method = "dr";
        c.epochs = 1;
        c.batchSize = 8;
        c.lr = lr;
        c.momentum = 0.9;
        c.weightDecay = 5e-4;
        c.schedule.type = "constant";
        c.schedule.warmupEpochs = 0;
        c.schedule.milestones = new ArrayList<>();
        c.transform = p > 0 ? Map.of("type", "h2t", "p", p) : "none";
        c.edits = new java.util.LinkedHashMap<>(Map.of("freeze-backbone", Map.of("bn", bn)));
        if ("reinit".equals(classifier)) {
            c.method = "crt";
        }
        return c;
    }

    /** One epoch of ceil(45 / 8) = 6 iterations through the trainer every method uses. */
    private void runStage(ImageClassifier model, StageConfig config) throws Exception {
        runStage(model, config, TrainingObserver.SILENT);
    }

    private void runStage(ImageClassifier model, StageConfig config, TrainingObserver observer) throws Exception {
        TrainingMethod method = compose(config, train);
        float[] mean = {0.5f};
        float[] std = {0.25f};
        Evaluator evaluator = new Evaluator(train, new Augmentation(0, false, mean, std), 16,
                ClassGroups.thirds(COUNTS), manager, 0);
        Path folder = dir.resolve("stage-" + System.nanoTime());
        new StageTrainer(new StageTrainer.Setup("stage2", config, method, model, manager, train,
                new Augmentation(1, true, mean, std).maker(train), evaluator, null, null, STREAMS, 1, 0, 1, folder,
                observer, false, 1, java.util.List.of())).run();
    }

    private static ImageClassifier newModel() {
        ImageClassifier model = new ImageClassifier(new CifarResNet(8), new LinearHead(CLASSES));
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
        return model;
    }

    /** A model holding the stage-1 weights (BN statistics included), as a stage-2 run loads them. */
    private static ImageClassifier stageOneModel() throws Exception {
        ImageClassifier model = newModel();
        model.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(stageOne)));
        for (Parameter p : model.getParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        return model;
    }

    /** 45 images of 8x8 with a class-dependent brightness plus noise, counts 24/12/6/3. */
    private static ImageDataset tinyLongTailedSet() {
        int n = Arrays.stream(COUNTS).sum();
        byte[] pixels = new byte[n * SIDE * SIDE];
        int[] labels = new int[n];
        SplittableRandom random = new SplittableRandom(5);
        int i = 0;
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < COUNTS[c]; j++, i++) {
                labels[i] = c;
                for (int k = 0; k < SIDE * SIDE; k++) {
                    pixels[i * SIDE * SIDE + k] = (byte) (40 + 50 * c + random.nextInt(60));
                }
            }
        }
        return new ImageDataset("tiny-lt", pixels, labels, 1, SIDE, SIDE, List.of("a", "b", "c", "d"));
    }

    /** A set of 1x1 images with the given class counts, for sampling statistics. */
    private static ImageDataset labelsOnly(int[] counts) {
        int n = Arrays.stream(counts).sum();
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int j = 0; j < counts[c]; j++) {
                labels[i++] = c;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            names.add("class" + c);
        }
        return new ImageDataset("labels", new byte[n], labels, 1, 1, 1, names);
    }

    private static Map<String, float[]> snapshot(ImageClassifier model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Whether a parameter belongs to the backbone (by identity: loading weights keeps the Parameter objects). */
    private static Predicate<Parameter> backbone(ImageClassifier model) {
        Set<Parameter> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.addAll(model.backbone().getParameters().values());
        return members::contains;
    }

    private static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    private static String headName(ImageClassifier model, Parameter.Type type) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (!backbone(model).test(p.getValue()) && p.getValue().getType() == type) {
                return p.getKey();
            }
        }
        throw new AssertionError("no head " + type);
    }

    private static void assertUnchanged(ImageClassifier model, Map<String, float[]> before, Map<String, float[]> after,
            Predicate<Parameter> which) {
        int checked = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (which.test(p.getValue())) {
                int[] a = bits(before.get(p.getKey()));
                int[] b = bits(after.get(p.getKey()));
                assertArrayEquals(a, b, p.getKey() + " changed");
                checked++;
            }
        }
        assertTrue(checked > 0, "no parameter selected");
    }

    private static void assertAllChanged(ImageClassifier model, Map<String, float[]> before,
            Map<String, float[]> after, Predicate<Parameter> which) {
        int checked = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (which.test(p.getValue())) {
                assertFalse(Arrays.equals(before.get(p.getKey()), after.get(p.getKey())), p.getKey() + " did not change");
                checked++;
            }
        }
        assertTrue(checked > 0, "no parameter selected");
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static double chiSquareUniform(int[] observed) {
        double expected = Arrays.stream(observed).sum() / (double) observed.length;
        double chi2 = 0;
        for (int o : observed) {
            chi2 += (o - expected) * (o - expected) / expected;
        }
        return chi2;
    }
}
