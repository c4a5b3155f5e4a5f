package org.longtail4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.longtail4j.BadInputException;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;
import org.longtail4j.models.imagenet.ResNetLayout;
import org.longtail4j.models.imagenet.TorchvisionResNet;

/**
 * Weights saved by torchvision itself, loaded into our networks, must give torchvision's logits
 * (fixtures/torchvision/make_torchvision_fixtures.py: miniature networks assembled from torchvision's
 * own ResNet, Bottleneck and BasicBlock classes, randomised, saved with torch.save(state_dict)).
 */
class PretrainedWeightsTest {

    private NDManager manager;
    private NDList expected;

    @BeforeEach
    void load() throws Exception {
        manager = NDManager.newBaseManager();
        try (InputStream in = getClass().getResourceAsStream("/fixtures/torchvision/mini-logits.npz")) {
            expected = NDList.decode(manager, in);
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(PretrainedWeightsTest.class.getResource("/fixtures/torchvision/" + name).toURI());
    }

    /** The miniature layouts of the fixture script: stem 8, planes 4/8/16/32, blocks [2, 1, 1, 1]. */
    static ResNetLayout miniLayout(String name) {
        List<Integer> blocks = List.of(2, 1, 1, 1);
        List<Integer> planes = List.of(4, 8, 16, 32);
        return switch (name) {
            case "mini-bottleneck" -> new ResNetLayout(true, blocks, 1, 64, 8, planes);
            case "mini-resnext" -> new ResNetLayout(true, blocks, 4, 16, 8, planes);
            case "mini-basic" -> new ResNetLayout(false, blocks, 1, 64, 8, planes);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private ImageClassifier model(String name, int classes) {
        return model(name, classes, true);
    }

    private ImageClassifier model(String name, int classes, boolean channelsLast) {
        ImageClassifier model = new ImageClassifier(new TorchvisionResNet(miniLayout(name), channelsLast),
                new LinearHead(classes));
        model.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 64, 64));
        return model;
    }

    private NDArray logits(ImageClassifier model, boolean training) {
        return model.forward(new ParameterStore(manager, false), new NDList(expected.get("input")), training)
                .singletonOrThrow();
    }

    private static void assertRelativelyClose(NDArray want, NDArray got, String what) {
        float scale = want.abs().max().getFloat();
        float worst = want.sub(got).abs().max().getFloat();
        assertTrue(worst <= 1e-4 * scale, what + ": max |difference| " + worst + " vs max |logit| " + scale);
    }

    @ParameterizedTest
    @CsvSource({"mini-bottleneck, true", "mini-resnext, true", "mini-basic, true",
        "mini-bottleneck, false", "mini-resnext, false", "mini-basic, false"})
    void torchvisionStateDictGivesTorchvisionLogits(String name, boolean channelsLast) throws Exception {
        ImageClassifier model = model(name, 5, channelsLast);
        PretrainedWeights.Report report = PretrainedWeights.load(model, fixture(name + ".pth"), manager);
        assertTrue(report.headLoaded());
        assertEquals(model.getParameters().size(), report.loaded(), "every parameter loaded");
        assertTrue(report.ignored().stream().allMatch(k -> k.endsWith("num_batches_tracked")), report.summary());
        assertRelativelyClose(expected.get(name + "/eval"), logits(model, false), name + " eval");
        assertRelativelyClose(expected.get(name + "/train"), logits(model, true), name + " train");
    }

    @Test
    void npzWithTorchvisionNamesLoadsTheSame() throws Exception {
        ImageClassifier model = model("mini-bottleneck", 5);
        PretrainedWeights.Report report = PretrainedWeights.load(model, fixture("mini-bottleneck.npz"), manager);
        assertEquals("npz", report.format());
        assertRelativelyClose(expected.get("mini-bottleneck/eval"), logits(model, false), "npz");
    }

    @Test
    void anotherClassCountKeepsTheFreshHeadAndSaysSo() throws Exception {
        ImageClassifier model = model("mini-bottleneck", 7);
        float[] headBefore = model.head().getParameters().valueAt(0).getArray().toFloatArray();
        PretrainedWeights.Report report = PretrainedWeights.load(model, fixture("mini-bottleneck.pth"), manager);
        assertFalse(report.headLoaded());
        assertTrue(report.ignored().containsAll(List.of("fc.weight", "fc.bias")));
        assertTrue(report.summary().contains("classifier left at its initial values"), report.summary());
        assertArrayEquals(headBefore, model.head().getParameters().valueAt(0).getArray().toFloatArray());
    }

    @Test
    void mismatchedNetworkIsOneLineAndLeavesTheModelUnchanged() throws Exception {
        ImageClassifier model = model("mini-bottleneck", 5);
        float[] before = model.backbone().getParameters().valueAt(0).getArray().toFloatArray();
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedWeights.load(model, fixture("mini-basic.pth"), manager));
        assertTrue(e.getMessage().contains("names missing (layer1.0.conv3.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("of another shape"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(before, model.backbone().getParameters().valueAt(0).getArray().toFloatArray());
    }

    @Test
    void forbiddenGlobalIsRefusedByName() {
        ImageClassifier model = model("mini-basic", 5);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedWeights.load(model, fixture("forbidden-global.pth"), manager));
        assertTrue(e.getMessage().contains("'os.system'") && e.getMessage().contains("whitelist"), e.getMessage());
    }

    @Test
    void legacyFormatIsRefusedWithAWayOut() {
        ImageClassifier model = model("mini-basic", 5);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedWeights.load(model, fixture("legacy.pth"), manager));
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
    }

    @Test
    void sharedStorageAndHalfPrecisionAreRead() throws Exception {
        Map<String, HostTensor> tensors = PthArchive.read(fixture("shared.pth"));
        assertEquals(DataType.FLOAT16, tensors.get("a").dataType());
        for (String key : List.of("a", "b")) {
            try (NDArray values = tensors.get(key).toFloat32(manager)) {
                assertArrayEquals(expected.get("shared/" + key).toFloatArray(), values.toFloatArray(), key);
            }
        }
    }

    @Test
    void nonContiguousTensorIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> PthArchive.read(fixture("noncontiguous.pth")));
        assertTrue(e.getMessage().contains("'w' is not contiguous"), e.getMessage());
    }

    @Test
    void djlParametersRoundTrip(@TempDir Path dir) throws Exception {
        ImageClassifier source = model("mini-resnext", 5);
        PretrainedWeights.load(source, fixture("mini-resnext.pth"), manager);
        Path saved = dir.resolve("model.params");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(saved))) {
            source.saveParameters(out);
        }
        ImageClassifier target = model("mini-resnext", 5);
        PretrainedWeights.Report report = PretrainedWeights.load(target, saved, manager);
        assertEquals("DJL parameters", report.format());
        assertRelativelyClose(expected.get("mini-resnext/eval"), logits(target, false), "DJL round trip");
        // trainable after the load (DJL's load swaps in arrays without gradients; training then failed)
        target.getParameters().forEach(p -> assertEquals(p.getValue().requiresGradient(),
                p.getValue().getArray().hasGradient(), p.getKey() + " gradient after loading DJL parameters"));

        ImageClassifier otherClasses = model("mini-resnext", 6);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedWeights.load(otherClasses, saved, manager));
        assertTrue(e.getMessage().contains("DJL"), e.getMessage());
    }

    @Test
    void cifarArchitectureCannotTakeTorchvisionNames() throws Exception {
        ImageClassifier cifar = new ImageClassifier(new org.longtail4j.models.CifarResNet(8), new LinearHead(5));
        cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedWeights.load(cifar, fixture("mini-basic.pth"), manager));
        assertTrue(e.getMessage().contains("torchvision-layout"), e.getMessage());
    }
}
