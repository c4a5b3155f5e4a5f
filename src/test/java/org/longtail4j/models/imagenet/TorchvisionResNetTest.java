package org.longtail4j.models.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.longtail4j.BadInputException;
import org.longtail4j.models.Architectures;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.LinearHead;

/**
 * The ImageNet ResNets against torchvision's own networks: parameter counts, and every state_dict key
 * with its shape (fixtures/torchvision/keys.txt, written by make_torchvision_fixtures.py from
 * torchvision 0.14's resnet50, resnext50_32x4d, resnet152 and its ResNet class with BasicBlock
 * [1, 1, 1, 1]). Numerics are checked against PyTorch in PretrainedWeightsTest.
 */
class TorchvisionResNetTest {

    /** "arch" -> (key -> shape) from the fixture, num_batches_tracked left out (no DJL counterpart). */
    private static Map<String, Map<String, Shape>> torchvisionKeys() throws Exception {
        Map<String, Map<String, Shape>> result = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TorchvisionResNetTest.class.getResourceAsStream("/fixtures/torchvision/keys.txt"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ", -1);
                if (line.startsWith("#") || f[1].endsWith("num_batches_tracked")) {
                    continue;
                }
                long[] dims = java.util.Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
                result.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], new Shape(dims));
            }
        }
        return result;
    }

    @ParameterizedTest
    @CsvSource({
        "tv-resnet10, 5418792, 62",
        "tv-resnet50, 25557032, 267",
        "tv-resnext50-32x4d, 25028904, 267",
        "tv-resnet152, 60192808, 777"})
    void parametersAndKeysAreTorchvisions(String arch, long expectedParameters, int expectedKeys) throws Exception {
        Map<String, Shape> expected = torchvisionKeys().get(arch);
        assertEquals(expectedKeys, expected.size(), "fixture key count (large-scale.md 3.3)");
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchvisionResNet backbone = (TorchvisionResNet) Architectures.backbone(arch, false);
            ImageClassifier model = new ImageClassifier(backbone, new LinearHead(1000));
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            long parameters = 0;
            for (Pair<String, Parameter> p : model.getParameters()) {
                Parameter.Type type = p.getValue().getType();
                if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                    parameters += p.getValue().getArray().size();
                }
            }
            assertEquals(expectedParameters, parameters);

            Map<String, Shape> ours = new LinkedHashMap<>();
            backbone.torchvisionKeys().forEach((k, p) -> ours.put(k, p.getArray().getShape()));
            for (Pair<String, Parameter> p : model.head().getParameters()) {
                ours.put(p.getKey().endsWith("bias") ? "fc.bias" : "fc.weight", p.getValue().getArray().getShape());
            }
            assertEquals(expected, ours);
            assertEquals(model.getParameters().size(), ours.size(), "every parameter has exactly one key");
        }
    }

    @Test
    void backboneReturnsTheLayer4MapBeforePooling() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String arch : new String[] {"tv-resnet10", "tv-resnet50"}) {
                TorchvisionResNet backbone = (TorchvisionResNet) Architectures.backbone(arch, true);
                backbone.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 64, 64));
                NDArray x = manager.randomNormal(new Shape(2, 3, 64, 64));
                NDList out = backbone.forward(new ParameterStore(manager, false), new NDList(x), false);
                long channels = backbone.layout().featureChannels();
                assertEquals(new Shape(2, channels, 2, 2), out.singletonOrThrow().getShape());
                assertEquals(out.singletonOrThrow().getShape(),
                        backbone.getOutputShapes(new Shape[] {new Shape(2, 3, 64, 64)})[0]);
                assertTrue(out.singletonOrThrow().min().getFloat() >= 0, "after the final ReLU");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void frozenForwardEqualsTheOrdinaryForward(boolean channelsLast) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNetLayout mini = new ResNetLayout(true, java.util.List.of(2, 1, 1, 1), 4, 16, 8,
                    java.util.List.of(4, 8, 16, 32));
            {
                TorchvisionResNet backbone = new TorchvisionResNet(mini, channelsLast);
                backbone.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 48, 48));
                NDArray x = manager.randomNormal(new Shape(2, 3, 48, 48));
                ParameterStore ps = new ParameterStore(manager, false);
                NDArray ordinary = backbone.forward(ps, new NDList(x), false).singletonOrThrow();
                backbone.freezeParameters(true);
                assertTrue(backbone.isFrozen());
                NDArray frozen = backbone.forward(ps, new NDList(x), false).singletonOrThrow();
                assertTrue(ordinary.allClose(frozen, 1e-5, 1e-6, false));
            }
        }
    }

    @Test
    void convolutionsAreKaimingNormalWithFanOut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchvisionResNet backbone = (TorchvisionResNet) Architectures.backbone("tv-resnet50", false);
            backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            // layer4.0.conv2: 512 x 512 x 3 x 3, fan_out 4608, std sqrt(2 / 4608) = 0.02083
            NDArray w = backbone.torchvisionKeys().get("layer4.0.conv2.weight").getArray();
            double std = Math.sqrt(w.pow(2).mean().getFloat());
            assertEquals(Math.sqrt(2.0 / 4608), std, 0.02 * std);
            assertEquals(1f, backbone.torchvisionKeys().get("layer4.0.bn2.weight").getArray().mean().getFloat());
            assertEquals(0f, backbone.torchvisionKeys().get("layer4.0.bn2.bias").getArray().sum().getFloat());
        }
    }

    @Test
    void placesModelIsTheCutTrunkPlusOneNewBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PlacesResNet places = (PlacesResNet) Architectures.backbone("places-resnet152", true);
            places.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            long trunk = 0;
            long block = 0;
            long trainable = 0;
            for (Map.Entry<String, Parameter> e : places.torchvisionKeys().entrySet()) {
                Parameter p = e.getValue();
                if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                    continue;
                }
                if (e.getKey().startsWith("block.")) {
                    block += p.getArray().size();
                } else {
                    trunk += p.getArray().size();
                }
                trainable += p.requiresGradient() ? p.getArray().size() : 0;
            }
            assertEquals(53_681_216, trunk, "large-scale.md 3.4");
            assertEquals(4_462_592, block, "large-scale.md 3.4");
            assertEquals(block, trainable, "only the extra block trains");
            assertFalse(places.torchvisionKeys().keySet().stream().anyMatch(k -> k.startsWith("layer4.2.")));
            assertEquals(java.util.List.of("layer4.2."), places.droppedPrefixes());
            // PyTorch's default init for the new block: uniform in +-1/sqrt(fan_in), fan_in 2048 for conv1
            NDArray w = places.torchvisionKeys().get("block.conv1.weight").getArray();
            assertTrue(w.abs().max().getFloat() <= 1 / Math.sqrt(2048) + 1e-7);
            assertTrue(w.abs().max().getFloat() > 0.9 / Math.sqrt(2048));

            NDArray x = manager.randomNormal(new Shape(1, 3, 64, 64));
            NDArray out = places.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            assertEquals(new Shape(1, 2048, 2, 2), out.getShape());
        }
    }

    @Test
    void placesTrunkStatisticsNeverMove() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNetLayout mini = new ResNetLayout(true, java.util.List.of(1, 1, 1, 1), 1, 64, 8,
                    java.util.List.of(4, 8, 16, 32));
            PlacesResNet places = new PlacesResNet(mini, true);
            places.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            NDArray trunkMean = places.torchvisionKeys().get("layer1.0.bn1.running_mean").getArray();
            NDArray blockMean = places.torchvisionKeys().get("block.bn1.running_mean").getArray();
            NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
            places.forward(new ParameterStore(manager, false), new NDList(x), true);
            assertEquals(0f, trunkMean.abs().sum().getFloat(), "trunk BN in inference mode");
            assertTrue(blockMean.abs().sum().getFloat() > 0, "the extra block's BN trains");

            places.trunk().freezeParameters(false);
            assertThrows(IllegalStateException.class,
                    () -> places.forward(new ParameterStore(manager, false), new NDList(x), true));
        }
    }

    @Test
    void unknownArchitectureIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Architectures.backbone("resnet50", false));
        assertTrue(e.getMessage().contains("'resnet50'") && e.getMessage().contains("tv-resnet50"), e.getMessage());
    }
}
