package org.longtail4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.config.StageConfig;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.models.CifarResNet;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;

/**
 * Learnable weight scaling (LWS, MiSLAS): the spec's worked example (methods-single.md section 4), and
 * that the lws method trains the scales alone while mislas trains the classifier and the scales.
 */
class WeightScalingTest {

    /** W, b, h of the spec; f = [1.0, 1.5, 2.0] gives the code form f_c (W_c h + b_c) = [2.1, 0.375, 0.3]. */
    @Test
    void scalesMultiplyTheLogitsBiasIncluded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // An identity backbone: the head sees the [1, 2, 1, 1] map as given, pooled to h = [1, 0.5].
            ImageClassifier model = new ImageClassifier(ai.djl.nn.Blocks.identityBlock(), new LinearHead(3));
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 1, 1));
            set(model.head(), "weight", manager.create(new float[] {1f, 2f, 0.5f, -0.5f, 0.2f, 0.1f}, new Shape(3, 2)),
                    6);
            set(model.head(), "bias", manager.create(new float[] {0.1f, 0f, -0.1f}), 3);
            model.addLogitScale();
            model.logitScale().getParameters().valueAt(0).getArray().set(new float[] {1f, 1.5f, 2f});
            NDArray map = manager.create(new float[] {1f, 0.5f}, new Shape(1, 2, 1, 1));
            NDArray logits = model.headOutput(new ParameterStore(manager, false), new NDList(map), false).combined();
            assertArrayEquals(new float[] {2.1f, 0.375f, 0.3f}, logits.toFloatArray(), 1e-6f);
        }
    }

    /** tau-norm on the same W, b, h: tau 0.5 -> [1.33748, 0.297302, 0.528686], tau 1 -> [0.894427, 0.353553, 1.11803]. */
    @Test
    void tauNormalisationDividesByTheNormToTheTauAndDropsTheBias() {
        float[][] expected = {{1.33748f, 0.297302f, 0.528686f}, {0.894427f, 0.353553f, 1.11803f}};
        double[] taus = {0.5, 1.0};
        for (int i = 0; i < taus.length; i++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ImageClassifier model = new ImageClassifier(ai.djl.nn.Blocks.identityBlock(), new LinearHead(3));
                model.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 1, 1));
                set(model.head(), "weight", manager.create(new float[] {1f, 2f, 0.5f, -0.5f, 0.2f, 0.1f}), 6);
                set(model.head(), "bias", manager.create(new float[] {0.1f, 0f, -0.1f}), 3);
                TauNormalisation.apply(model.head(), taus[i]);
                NDArray map = manager.create(new float[] {1f, 0.5f}, new Shape(1, 2, 1, 1));
                NDArray logits = model.headOutput(new ParameterStore(manager, false), new NDList(map), false).combined();
                assertArrayEquals(expected[i], logits.toFloatArray(), 1e-5f, "tau " + taus[i]);
            }
        }
    }

    @Test
    void lwsTrainsTheScalesAloneAndMislasTheClassifierToo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] labels = {0, 0, 0, 1, 1, 2};
            ClassStatistics classes = ClassStatistics.of(3, 2, 1);
            assertEquals(List.of("scale"), trainableParts("lws", labels, classes, manager));
            assertEquals(List.of("head", "scale"), trainableParts("mislas", labels, classes, manager));
        }
    }

    private static List<String> trainableParts(String method, int[] labels, ClassStatistics classes, NDManager manager) {
        ImageClassifier model = new ImageClassifier(new CifarResNet(8), new LinearHead(3));
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        StageConfig stage = new StageConfig();
        stage.method = method;
        stage.epochs = 1;
        stage.batchSize = 2;
        TrainingMethod composed = StageComposer.compose("stage2", stage, labels, classes, 0);
        composed.prepare(model);
        List<String> parts = new java.util.ArrayList<>();
        for (Pair<String, Parameter> p : composed.trainable(model)) {
            String part = owns(model.head(), p.getValue()) ? "head"
                    : owns(model.logitScale(), p.getValue()) ? "scale" : "backbone";
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static boolean owns(ai.djl.nn.Block block, Parameter parameter) {
        return block.getParameters().values().stream().anyMatch(p -> p == parameter);
    }

    private static void set(ai.djl.nn.Block head, String suffix, NDArray value, int size) {
        for (Pair<String, Parameter> p : head.getParameters()) {
            if (p.getKey().endsWith(suffix) && p.getValue().getArray().size() == size) {
                p.getValue().getArray().set(value.toFloatArray());
                return;
            }
        }
        throw new AssertionError("no head parameter " + suffix + " of " + size + " values: "
                + head.getParameters().keys() + " " + Map.of());
    }
}
