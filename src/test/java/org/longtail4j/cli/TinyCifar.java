package org.longtail4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Test helpers: small CIFAR-10 and CIFAR-100 files in the exact binary formats (random pixels, labels in
 * turn), for end-to-end commands on the CIFAR configs. Their image counts differ from the published 50,000 /
 * 10,000, so a run on them sets data.cifar_train_images and data.cifar_test_images.
 */
final class TinyCifar {

    private TinyCifar() {}

    /** CIFAR-100's binary version: train.bin and test.bin of [coarse, fine, 3072 pixels] records, and the names. */
    static Path write100(Path folder, int perClassTrain, int perClassTest) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.bin"), records100(perClassTrain, 1));
        Files.write(folder.resolve("test.bin"), records100(perClassTest, 2));
        Files.write(folder.resolve("fine_label_names.txt"),
                IntStream.range(0, 100).mapToObj(c -> "class" + c).toList());
        Files.write(folder.resolve("coarse_label_names.txt"),
                IntStream.range(0, 20).mapToObj(c -> "super" + c).toList());
        return folder;
    }

    /**
     * CIFAR-10's binary version: data_batch_1..5.bin and test_batch.bin of [label, 3072 pixels] records, and
     * batches.meta.txt with the names (padded with a blank line, as the real file is).
     */
    static Path write10(Path folder, int perClassTrain, int perClassTest) throws IOException {
        Files.createDirectories(folder);
        int perBatch = perClassTrain / 5;
        for (int b = 1; b <= 5; b++) {
            Files.write(folder.resolve("data_batch_" + b + ".bin"), records10(perBatch, b));
        }
        Files.write(folder.resolve("test_batch.bin"), records10(perClassTest, 9));
        List<String> names = new java.util.ArrayList<>(IntStream.range(0, 10).mapToObj(c -> "class" + c).toList());
        names.add("");
        Files.write(folder.resolve("batches.meta.txt"), names);
        return folder;
    }

    private static byte[] records10(int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] out = new byte[perClass * 10 * 3073];
        random.nextBytes(out);
        for (int i = 0; i < perClass * 10; i++) {
            out[i * 3073] = (byte) (i % 10);
        }
        return out;
    }

    private static byte[] records100(int perClass, long seed) {
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
