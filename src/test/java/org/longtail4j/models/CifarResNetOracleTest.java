package org.longtail4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.longtail4j.data.ClassStatistics;
import org.longtail4j.losses.CrossEntropy;
import org.longtail4j.losses.LossContext;
import org.longtail4j.parts.PartContext;
import org.longtail4j.parts.RandomStreams;

/**
 * Our CIFAR ResNet against PyTorch itself: a depth-8 network with the weights PyTorch 1.13 drew
 * (fixtures/resnet/make_resnet8_fixture.py) must give PyTorch's features, logits, BatchNorm running
 * statistics and gradients. Catches a wrong shortcut, stride, padding, BN momentum or pooling.
 */
class CifarResNetOracleTest {

    private NDManager manager;
    private NDList fixture;

    @BeforeEach
    void load() throws Exception {
        manager = NDManager.newBaseManager();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/resnet/resnet8.npz")) {
            assertNotNull(in, "fixture missing");
            fixture = NDList.decode(manager, in);
        }
    }

    /** The depth-8 network with PyTorch's weights, in the default or the channels-last layout. */
    private ImageClassifier model(boolean channelsLast) {
        ImageClassifier model = new ImageClassifier(new CifarResNet(8, channelsLast), new LinearHead(10));
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        int loaded = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            NDArray value = fixture.get("w/" + plainName(p.getKey()));
            assertNotNull(value, "fixture has no weight " + p.getKey());
            p.getValue().getArray().set(value.toByteBuffer());
            loaded++;
        }
        assertEquals(fixture.stream().filter(a -> a.getName().startsWith("w/")).count(), loaded,
                "every PyTorch weight maps to one of ours");
        return model;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest(name = "channels-last {0}")
    @ValueSource(booleans = {false, true})
    void inferenceMatchesPyTorch(boolean channelsLast) {
        ImageClassifier model = model(channelsLast);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = fixture.get("x");
        NDArray features = model.backbone().forward(ps, new NDList(x), false).singletonOrThrow();
        assertEquals(new Shape(4, 64, 8, 8), features.getShape());
        assertClose(fixture.get("eval_features"), features, 1e-4f);
        assertClose(fixture.get("eval_logits"), model.forward(ps, new NDList(x), false).singletonOrThrow(), 1e-4f);
    }

    @ParameterizedTest(name = "channels-last {0}")
    @ValueSource(booleans = {false, true})
    void trainingForwardBackwardMatchesPyTorch(boolean channelsLast) {
        ImageClassifier model = model(channelsLast);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = fixture.get("x");
        NDArray y = fixture.get("y");
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(ps, new NDList(x), true).singletonOrThrow();
            assertClose(fixture.get("train_logits"), logits, 1e-4f);
            int[] counts = new int[(int) logits.getShape().get(1)];
            java.util.Arrays.fill(counts, 1);
            ClassStatistics classes = ClassStatistics.of(counts);
            NDArray loss = new CrossEntropy(new CrossEntropy.Settings(),
                    new PartContext("loss", classes, new RandomStreams(0, "test"), 1))
                    .loss(logits, y, new LossContext(classes, 0, 1, null));
            assertEquals(fixture.get("train_loss").getFloat(0), loss.getFloat(), 1e-5f);
            gc.backward(loss);
        }
        for (NDArray expected : fixture) {
            String name = expected.getName();
            if (name.startsWith("after/")) {
                assertClose(expected, parameter(model, name.substring(6)).getArray(), 1e-5f);
            } else if (name.startsWith("grad/")) {
                assertClose(expected, parameter(model, name.substring(5)).getArray().getGradient(), 1e-4f);
            }
        }
    }

    /**
     * A frozen backbone (classifier re-training) takes its own, leaner forward: it must still give
     * PyTorch's features in inference mode, and in training mode PyTorch's logits and BatchNorm
     * running statistics.
     */
    @ParameterizedTest(name = "channels-last {0}")
    @ValueSource(booleans = {false, true})
    void frozenBackboneMatchesPyTorch(boolean channelsLast) {
        ImageClassifier model = model(channelsLast);
        model.backbone().freezeParameters(true);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = fixture.get("x");
        assertClose(fixture.get("eval_features"), model.backbone().forward(ps, new NDList(x), false).singletonOrThrow(),
                1e-4f);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertClose(fixture.get("train_logits"), model.forward(ps, new NDList(x), true).singletonOrThrow(), 1e-4f);
        }
        int checked = 0;
        for (NDArray expected : fixture) {
            String name = expected.getName();
            if (name.startsWith("after/") && name.contains("running")) {
                assertClose(expected, parameter(model, name.substring(6)).getArray(), 1e-5f);
                checked++;
            }
        }
        assertTrue(checked > 0, "the fixture has running statistics to compare");
    }

    /**
     * The frozen forward keeps only its output (and two strided views of the shortcuts) in the
     * step's manager; the ordinary one keeps every intermediate map until the step ends.
     */
    @ParameterizedTest(name = "channels-last {0}")
    @ValueSource(booleans = {false, true})
    void frozenBackboneReleasesItsIntermediateMaps(boolean channelsLast) {
        ImageClassifier model = model(channelsLast);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = fixture.get("x");
        int trainable = arraysLeftByForward(model, ps, x);
        model.backbone().freezeParameters(true);
        int frozen = arraysLeftByForward(model, ps, x);
        assertTrue(trainable > 20, "the ordinary forward keeps its maps: " + trainable);
        assertTrue(frozen <= 4, "the frozen forward released its maps, " + frozen + " arrays left");
    }

    private static int arraysLeftByForward(ImageClassifier model, ParameterStore ps, NDArray x) {
        try (NDManager step = x.getManager().newSubManager()) {
            x.tempAttach(step);
            model.backbone().forward(ps, new NDList(x), true);
            return step.getManagedArrays().size();
        }
    }

    /**
     * Loading weights into a frozen backbone replaces its arrays; the channels-last kernels laid out
     * from the old ones must not be used afterwards.
     */
    @Test
    void frozenBackboneUsesWeightsLoadedAfterFreezing() throws Exception {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        model(true).saveParameters(new DataOutputStream(saved));
        ImageClassifier other = new ImageClassifier(new CifarResNet(8, true), new LinearHead(10));
        other.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        other.backbone().freezeParameters(true);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = fixture.get("x");
        other.backbone().forward(ps, new NDList(x), false);
        other.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        other.backbone().freezeParameters(true);
        // A fresh store, as every stage makes one: a store hands out the arrays it first saw.
        ParameterStore fresh = new ParameterStore(manager, false);
        assertClose(fixture.get("eval_features"), other.backbone().forward(fresh, new NDList(x), false).singletonOrThrow(),
                1e-4f);
    }

    private static Parameter parameter(ImageClassifier model, String name) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (plainName(p.getKey()).equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    /** DJL numbers child blocks ("01backbone_02stem_bn_gamma"); the fixture names them without. */
    private static String plainName(String djlName) {
        return djlName.replaceAll("(^|_)\\d{2}", "$1");
    }

    private static void assertClose(NDArray expected, NDArray actual, float tolerance) {
        assertEquals(expected.getShape(), actual.getShape(), "shape of " + expected.getName());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        float scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(e, a, tolerance * Math.max(1f, scale), "values of " + expected.getName());
    }
}
