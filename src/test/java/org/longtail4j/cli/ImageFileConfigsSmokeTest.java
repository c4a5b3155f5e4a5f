package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.models.Models;
import org.longtail4j.reports.Json;

/**
 * Every shipped config of an image-file dataset (configs/image-folder, imagenet-lt, inaturalist2018,
 * places-lt) runs end to end with {@code train --smoke} on a small tree of real JPEG/PNG files with list
 * files in the dataset's exact format ({@link TinyImageData}), read per batch on two worker threads, and
 * leaves a complete run folder that records its data (train/validation/test file lists, classes, groups).
 *
 * <p>What the smoke runs change, to take seconds rather than minutes on a 2-core CPU: 64 x 64 crops
 * (Resize 73) instead of 224 (256) and batches of 8. The dr-h2t row of each architecture runs with the
 * config's own architecture (ImageNet-LT's ResNet-50 and ResNeXt-50, the Places ResNet-152 trunk + block,
 * the image folder's ResNet-50; iNaturalist's ResNet-50 is ImageNet-LT's network), and the
 * configs that start from ImageNet weights get a weights file this test writes (DJL parameters of the same
 * network, random values). The other rows (ce, ce-mixup, dr) differ from it only in their stages and run
 * with {@code model.arch=tv-resnet10} and no weights file: a big network costs its parameter count in
 * checkpoint writes (ResNet-50 with iNaturalist's 8142-way head: 160 MB per file, four files per stage),
 * not in the few 64-pixel batches, and its stages are the same.
 */
class ImageFileConfigsSmokeTest {

    @TempDir
    static Path dir;
    private static Map<String, Path> data;
    private static Path resnet50Weights;

    @BeforeAll
    static void writeData() throws IOException {
        data = Map.of(
                "image-folder", TinyImageData.imageFolder(dir.resolve("folder")),
                "imagenet-lt", TinyImageData.imagenetLt(dir.resolve("imagenet-lt")),
                "places-lt", TinyImageData.placesLt(dir.resolve("places-lt")),
                "inaturalist2018", TinyImageData.inaturalist(dir.resolve("inat")));
        resnet50Weights = weights("tv-resnet50", 3, dir.resolve("resnet50-weights"));
    }

    /** DJL parameters of a freshly initialised {@code arch} with {@code classes} outputs (a stand-in for ImageNet's). */
    private static Path weights(String arch, int classes, Path folder) throws IOException {
        RunConfig.ModelConfig model = new RunConfig.ModelConfig();
        model.arch = arch;
        Path file = folder.resolve("model.params");
        Files.createDirectories(folder);
        try (NDManager manager = NDManager.newBaseManager();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            Models.create(model, classes, 3, 64, 64, manager).saveParameters(out);
        }
        return file;
    }

    /** The image-file configs; -Dsmoke.configs=REGEX narrows them while working on one (never set in CI). */
    static Stream<String> configs() throws IOException {
        String only = System.getProperty("smoke.configs", "");
        return ImageFileConfigs.paths().stream().filter(c -> only.isEmpty() || c.matches(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void smokeRunsEndToEnd(String config) throws IOException {
        RunConfig c = ConfigLoader.load(Path.of(config), List.of());
        Path out = dir.resolve("runs").resolve(c.name);
        List<String> args = new ArrayList<>(List.of("train", "--config", config, "--smoke", "--data",
                data.get(c.data.dataset).toString(), "--out", out.toString(), "--set", "data.image_size=64", "--set",
                "data.resize_size=73", "--set", "eval.batch_size=8", "--set", "data.workers=2"));
        for (String stage : c.stages.keySet()) {
            args.addAll(List.of("--set", "stages." + stage + ".batch_size=8"));
        }
        boolean asShipped = config.endsWith("dr-h2t.yaml") && !c.data.dataset.equals("inaturalist2018");
        if (!asShipped) {
            // The rows differ from their dr-h2t sibling only in their stages; the architecture is smoke-run there.
            args.addAll(List.of("--set", "model.arch=tv-resnet10", "--set", "model.pretrained=null"));
        } else if (c.model.pretrained != null) {
            Path weights = c.model.arch.equals("tv-resnet50") ? resnet50Weights
                    : weights(c.model.arch, 365, dir.resolve("weights-" + c.name));
            args.addAll(List.of("--set", "model.pretrained=" + weights));
        }
        long started = System.nanoTime();
        TinyFashionMnist.Run run = TinyFashionMnist.execute(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), config + ":\n" + run.out());
        System.out.printf("%s: smoke run %.1f s%n", config, (System.nanoTime() - started) / 1e9);

        for (String file : List.of("config.yaml", "split.json", "train_files.txt", "test_files.txt", "classes.tsv",
                "groups.txt", "data.txt", "results.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), config + ": " + file);
        }
        boolean hasValidation = !c.data.dataset.equals("inaturalist2018") && !c.data.dataset.equals("image-folder");
        assertEquals(hasValidation, Files.isRegularFile(out.resolve("validation_files.txt")), config + ": validation list");
        String lastStage = List.copyOf(c.stages.keySet()).get(c.stages.size() - 1);
        Map<String, Object> results = Json.readMap(out.resolve(lastStage).resolve("results.json"));
        assertEquals(hasValidation, results.containsKey("validation"), config + ": validation figures");
        String groups = Files.readString(out.resolve("groups.txt"));
        assertTrue(groups.startsWith(c.data.groups.rule), config + ": groups " + groups);
        int classes = switch (c.data.dataset) {
            case "imagenet-lt" -> 1000;
            case "places-lt" -> 365;
            case "inaturalist2018" -> 8142;
            default -> 3;
        };
        assertEquals(classes + 1, Files.readAllLines(out.resolve("classes.tsv")).size(), config + ": classes.tsv");
        assertFalse(Files.readString(out.resolve("train_files.txt")).contains(dir.toString()),
                "train_files.txt names files relative to data.root");
    }
}
