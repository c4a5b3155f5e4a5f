package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped config runs end to end with {@code train --smoke} on small files in the exact formats
 * of the data it names (Fashion-MNIST's gzipped IDX, CIFAR-10's and CIFAR-100's binary versions), and leaves a complete
 * run folder: a recipe that cannot run is caught here, not after hours of training.
 */
class ShippedConfigsSmokeTest {

    private static final int CIFAR100_TRAIN_PER_CLASS = 200;
    private static final int CIFAR100_TEST_PER_CLASS = 1;
    private static final int CIFAR10_TRAIN_PER_CLASS = 300;
    private static final int CIFAR10_TEST_PER_CLASS = 2;

    @TempDir
    static Path dir;
    private static Path fashionMnist;
    private static Path cifar100;
    private static Path cifar10;

    @BeforeAll
    static void writeData() throws IOException {
        fashionMnist = TinyFashionMnist.write(dir.resolve("fashion-mnist"), 100, 5);
        cifar100 = TinyCifar.write100(dir.resolve("cifar-100-binary"), CIFAR100_TRAIN_PER_CLASS, CIFAR100_TEST_PER_CLASS);
        cifar10 = TinyCifar.write10(dir.resolve("cifar-10-batches-bin"), CIFAR10_TRAIN_PER_CLASS, CIFAR10_TEST_PER_CLASS);
    }

    /** The configs of the small datasets; ImageFileConfigsSmokeTest runs the image-file ones. */
    static Stream<String> configs() throws IOException {
        return ImageFileConfigs.all().stream().filter(c -> !ImageFileConfigs.readsImageFiles(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void smokeRunsEndToEnd(String config) throws IOException {
        boolean cifar100Config = config.contains("cifar100");
        boolean cifar10Config = !cifar100Config && config.contains("cifar10");
        Path data = cifar100Config ? cifar100 : cifar10Config ? cifar10 : fashionMnist;
        // named by the whole path: cifar10-lt and cifar100-lt both have an ir100-reslt.yaml
        Path out = dir.resolve("runs").resolve(config.replace(".yaml", "").replace('/', '_').replace('\\', '_'));
        List<String> args = new ArrayList<>(List.of("train", "--config", config, "--smoke", "--data", data.toString(),
                "--set", "eval.batch_size=50", "--set", "runtime.prefetch=0", "--out", out.toString()));
        if (cifar100Config || cifar10Config) {
            // the small files hold fewer images than the published 50,000 / 10,000, and say so
            int classes = cifar100Config ? 100 : 10;
            int train = cifar100Config ? CIFAR100_TRAIN_PER_CLASS : CIFAR10_TRAIN_PER_CLASS;
            int test = cifar100Config ? CIFAR100_TEST_PER_CLASS : CIFAR10_TEST_PER_CLASS;
            args.addAll(List.of("--set", "data.cifar_train_images=" + train * classes,
                    "--set", "data.cifar_test_images=" + test * classes));
        }
        TinyFashionMnist.Run run = TinyFashionMnist.execute(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), config + ":\n" + run.out());
        for (String file : List.of("config.yaml", "split.json", "train_indices.txt", "results.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), config + ": " + file);
        }
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("smoke: true"), "the run says it is a smoke run");
        if (config.contains("lws") || config.contains("mislas") || config.contains("tau-norm")
                || config.contains("router")) {
            // A stage that adds parameters (weight scaling, RIDE's router): eval rebuilds the model stage by stage
            // to load it.
            TinyFashionMnist.Run eval = TinyFashionMnist.execute("eval", "--run", out.toString());
            assertEquals(0, eval.exitCode(), config + " eval:\n" + eval.out());
            if (config.contains("router")) {
                // the checkpoint held the router, and eval scores with the routed prediction
                assertTrue(eval.out().contains("experts per image (routed prediction)"), eval.out());
                assertTrue(Files.readString(out.resolve("results.json")).contains("\"experts_per_image\""));
            }
        }
    }
}
