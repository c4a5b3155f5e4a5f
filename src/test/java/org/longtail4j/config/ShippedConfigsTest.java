package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every config under configs/ loads and validates, inside the jar as on disk, and the CIFAR-100-LT
 * recipes carry the published H2T hyper-parameters (shared/spec/h2t.md, "Hyper-parameters, CIFAR-100-LT,
 * ResNet-32").
 */
class ShippedConfigsTest {

    /** The repository's configs folder (tests run from the project folder). */
    private static final Path CONFIGS = Path.of("configs");

    private static List<Path> shipped() throws IOException {
        assertTrue(Files.isDirectory(CONFIGS), "no configs/ folder under " + Path.of("").toAbsolutePath());
        try (Stream<Path> files = Files.walk(CONFIGS)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    @Test
    void everyShippedConfigLoadsValidatesAndRoundTrips() throws IOException {
        List<Path> files = shipped();
        assertTrue(files.size() >= 14, "expected the CIFAR-100-LT and Fashion-MNIST-LT configs, found " + files);
        List<Executable> checks = new ArrayList<>();
        for (Path file : files) {
            checks.add(() -> {
                RunConfig c = ConfigLoader.load(file, List.of());
                ConfigValidator.validate(c);
                String yaml = ConfigLoader.toYaml(c);
                Path saved = Files.createTempFile("shipped", ".yaml");
                try {
                    Files.writeString(saved, yaml);
                    assertEquals(yaml, ConfigLoader.toYaml(ConfigLoader.loadResolved(saved)), file + " round trip");
                } finally {
                    Files.delete(saved);
                }
                String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                assertTrue(c.name.endsWith(stem), () -> file + ": name " + c.name + " does not end with " + stem);
            });
        }
        assertAll(checks);
    }

    @Test
    void builtInCopiesInsideTheBuildMatchTheFolder() throws IOException {
        for (Path file : shipped()) {
            String name = CONFIGS.relativize(file).toString().replace('\\', '/');
            Path builtIn = BuiltInConfigs.path(name);
            assertEquals(Files.readString(file), Files.readString(builtIn), name);
            assertEquals(ConfigLoader.toYaml(ConfigLoader.load(file, List.of())),
                    ConfigLoader.toYaml(ConfigLoader.load(builtIn, List.of())), name + " resolves differently");
        }
    }

    @Test
    void namesAreUnique() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : shipped()) {
            names.add(ConfigLoader.load(file, List.of()).name);
        }
        assertEquals(names.size(), names.stream().distinct().count(), "duplicate run names: " + names);
    }

    /** Stage-2 weight decay by imbalance ratio (the only hyper-parameter that differs). */
    private static final Map<Integer, Double> STAGE2_WEIGHT_DECAY = Map.of(200, 2e-4, 100, 5e-4, 50, 2e-4);

    @Test
    void cifar100LtConfigsCarryThePublishedHyperParameters() {
        List<Executable> checks = new ArrayList<>();
        for (int ir : List.of(200, 100, 50)) {
            for (String recipe : List.of("ce", "ce-mixup", "dr", "dr-h2t")) {
                Path file = CONFIGS.resolve("cifar100-lt").resolve("ir" + ir + "-" + recipe + ".yaml");
                checks.add(() -> checkCifar(file, ir, recipe));
            }
        }
        assertAll(checks);
    }

    private static void checkCifar(Path file, int ir, String recipe) {
        assertTrue(Files.isRegularFile(file), file + " is missing");
        RunConfig c = ConfigLoader.load(file, List.of());
        String at = file + ": ";
        assertEquals("cifar100", c.data.dataset, at + "data.dataset");
        assertEquals("exponential", c.data.profile, at + "data.profile");
        assertEquals(ir, c.data.imbalanceRatio, at + "data.imbalance_ratio");
        assertEquals(0, c.data.maxPerClass, at + "the full training set");
        assertEquals(4, c.data.augment.pad, at + "pad 4");
        assertTrue(c.data.augment.flip, at + "flip");
        assertEquals("resnet32", c.model.arch, at + "model.arch");
        assertEquals("linear", c.model.head, at + "model.head");

        StageConfig s1 = c.stage1;
        assertEquals("ce", s1.method, at + "stage1.method");
        assertEquals(200, s1.epochs, at + "stage1.epochs");
        assertEquals(128, s1.batchSize, at + "stage1.batch_size");
        assertEquals(0.1, s1.lr, at + "stage1.lr");
        assertEquals(0.9, s1.momentum, at + "stage1.momentum");
        assertEquals(2e-4, s1.weightDecay, at + "stage1.weight_decay");
        assertFalse(s1.nesterov, at + "stage1.nesterov");
        assertEquals("warmup-multistep", s1.schedule.type, at + "stage1.schedule.type");
        assertEquals(5, s1.schedule.warmupEpochs, at + "stage1.schedule.warmup_epochs");
        assertEquals(List.of(160, 180), s1.schedule.milestones, at + "stage1.schedule.milestones");
        assertEquals(0.1, s1.schedule.gamma, at + "stage1.schedule.gamma");
        assertEquals(recipe.equals("ce") ? 0.0 : 1.0, s1.mixupAlpha, at + "stage1.mixup_alpha");

        StageConfig s2 = c.stage2;
        if (recipe.startsWith("ce")) {
            assertFalse(s2.enabled(), at + "a stage-1 recipe has no stage 2");
            return;
        }
        assertEquals("dr", s2.method, at + "stage2.method");
        assertEquals(10, s2.epochs, at + "stage2.epochs");
        assertEquals(128, s2.batchSize, at + "stage2.batch_size");
        assertEquals(0.02, s2.lr, at + "stage2.lr");
        assertEquals(0.9, s2.momentum, at + "stage2.momentum");
        assertEquals(STAGE2_WEIGHT_DECAY.get(ir), s2.weightDecay, at + "stage2.weight_decay");
        assertFalse(s2.nesterov, at + "stage2.nesterov");
        assertEquals("cosine", s2.schedule.type, at + "stage2.schedule.type");
        assertEquals(0, s2.schedule.warmupEpochs, at + "stage2: no warm-up");
        assertEquals(0.0, s2.mixupAlpha, at + "stage2.mixup_alpha");
        assertEquals("finetune", s2.classifier, at + "stage2.classifier");
        assertEquals("shift", s2.bn, at + "stage2.bn");
        assertEquals(recipe.equals("dr-h2t") ? 0.25 : 0.0, s2.h2t.p, at + "stage2.h2t.p");
        assertTrue(s2.params.isEmpty(), at + "stage2.params");
    }
}
