package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped config runs end to end with {@code train --smoke} on small files in the exact formats
 * of the data it names (Fashion-MNIST's gzipped IDX, CIFAR-100's binary version), and leaves a complete
 * run folder: a recipe that cannot run is caught here, not after hours of training.
 */
class ShippedConfigsSmokeTest {

    @TempDir
    static Path dir;
    private static Path fashionMnist;
    private static Path cifar100;

    @BeforeAll
    static void writeData() throws IOException {
        fashionMnist = TinyFashionMnist.write(dir.resolve("fashion-mnist"), 100, 5);
        cifar100 = writeCifar100(dir.resolve("cifar-100-binary"), 200, 1);
    }

    /** The configs of the small datasets; ImageFileConfigsSmokeTest runs the image-file ones. */
    static Stream<String> configs() throws IOException {
        return ImageFileConfigs.all().stream().filter(c -> !ImageFileConfigs.readsImageFiles(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void smokeRunsEndToEnd(String config) throws IOException {
        Path data = config.contains("cifar100") ? cifar100 : fashionMnist;
        Path out = dir.resolve("runs").resolve(Path.of(config).getFileName().toString().replace(".yaml", ""));
        TinyFashionMnist.Run run = TinyFashionMnist.execute("train", "--config", config, "--smoke", "--data",
                data.toString(), "--set", "eval.batch_size=50", "--set", "runtime.prefetch=0", "--out", out.toString());
        assertEquals(0, run.exitCode(), config + ":\n" + run.out());
        for (String file : List.of("config.yaml", "split.json", "train_indices.txt", "results.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), config + ": " + file);
        }
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("smoke: true"), "the run says it is a smoke run");
        if (config.contains("lws") || config.contains("mislas") || config.contains("tau-norm")) {
            // A stage that adds parameters (weight scaling): eval rebuilds the model stage by stage to load it.
            TinyFashionMnist.Run eval = TinyFashionMnist.execute("eval", "--run", out.toString());
            assertEquals(0, eval.exitCode(), config + " eval:\n" + eval.out());
        }
    }

    /** CIFAR-100's binary version: train.bin and test.bin of [coarse, fine, 3072 pixels] records, and the names. */
    private static Path writeCifar100(Path folder, int perClassTrain, int perClassTest) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.bin"), records(perClassTrain, 1));
        Files.write(folder.resolve("test.bin"), records(perClassTest, 2));
        Files.write(folder.resolve("fine_label_names.txt"),
                IntStream.range(0, 100).mapToObj(c -> "class" + c).toList());
        Files.write(folder.resolve("coarse_label_names.txt"),
                IntStream.range(0, 20).mapToObj(c -> "super" + c).toList());
        return folder;
    }

    private static byte[] records(int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] out = new byte[perClass * 100 * 3074];
        random.nextBytes(out);
        for (int i = 0; i < perClass * 100; i++) {
            int label = i % 100;
            out[i * 3074] = (byte) (label / 5);
            out[i * 3074 + 1] = (byte) label;
        }
        return out;
    }
}
