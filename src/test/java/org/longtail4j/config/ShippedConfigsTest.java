package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
            // table-*.yaml are table files (longtail table), not run configs: TableFilesTest reads them
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().startsWith("table-")).sorted().toList();
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

    @Test
    void onlyRideRecipesRotateTheirTrainingImages() throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (Path file : shipped()) {
            checks.add(() -> {
                RunConfig c = ConfigLoader.load(file, List.of());
                // RIDE's CIFAR transform (methods-multibranch.md 2.3) and the recipes built on it; every other
                // recipe, the demo's included, augments as before rotation existed
                boolean ride = file.toString().contains("cifar100-lt") && file.getFileName().toString().contains("-ride");
                assertEquals(ride ? 15.0 : 0.0, c.data.augment.rotation, file + ": data.augment.rotation");
            });
        }
        assertAll(checks);
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

        StageConfig s1 = c.stages.get("stage1");
        assertEquals("ce", s1.method, at + "stages.stage1.method");
        assertEquals(200, s1.epochs, at + "stages.stage1.epochs");
        assertEquals(128, s1.batchSize, at + "stages.stage1.batch_size");
        assertEquals(0.1, s1.lr, at + "stages.stage1.lr");
        assertEquals(0.9, s1.momentum, at + "stages.stage1.momentum");
        assertEquals(2e-4, s1.weightDecay, at + "stages.stage1.weight_decay");
        assertFalse(s1.nesterov, at + "stages.stage1.nesterov");
        assertEquals("warmup-multistep", s1.schedule.type, at + "stages.stage1.schedule.type");
        assertEquals(5, s1.schedule.warmupEpochs, at + "stages.stage1.schedule.warmup_epochs");
        assertEquals(List.of(160, 180), s1.schedule.milestones, at + "stages.stage1.schedule.milestones");
        assertEquals(0.1, s1.schedule.gamma, at + "stages.stage1.schedule.gamma");
        assertEquals(recipe.equals("ce") ? null : Map.of("type", "mixup", "alpha", 1.0), s1.mixing,
                at + "stages.stage1.mixing");

        StageConfig s2 = c.stages.get("stage2");
        if (recipe.startsWith("ce")) {
            assertEquals(List.of("stage1"), List.copyOf(c.stages.keySet()), at + "a stage-1 recipe has no stage 2");
            return;
        }
        assertEquals("dr", s2.method, at + "stages.stage2.method");
        assertEquals(10, s2.epochs, at + "stages.stage2.epochs");
        assertEquals(128, s2.batchSize, at + "stages.stage2.batch_size");
        assertEquals(0.02, s2.lr, at + "stages.stage2.lr");
        assertEquals(0.9, s2.momentum, at + "stages.stage2.momentum");
        assertEquals(STAGE2_WEIGHT_DECAY.get(ir), s2.weightDecay, at + "stages.stage2.weight_decay");
        assertFalse(s2.nesterov, at + "stages.stage2.nesterov");
        assertEquals("cosine", s2.schedule.type, at + "stages.stage2.schedule.type");
        assertEquals(0, s2.schedule.warmupEpochs, at + "stage2: no warm-up");
        // dr's preset: class-balanced batches, frozen backbone with shift BN, fine-tuned head, CE.
        assertNull(s2.mixing, at + "stages.stage2.mixing (the preset's: none)");
        assertNull(s2.edits, at + "stages.stage2.edits (the preset's)");
        assertEquals(recipe.equals("dr-h2t") ? Map.of("type", "h2t", "p", 0.25) : "none", s2.transform,
                at + "stages.stage2.transform");
    }
}
