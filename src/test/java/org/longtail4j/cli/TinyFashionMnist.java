package org.longtail4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Test helpers for end-to-end commands: a Fashion-MNIST stand-in small enough that a whole recipe
 * (stage 1 and several stage-2 runs, each with a test-set evaluation) takes seconds, and a way to run
 * the command line with its standard output captured.
 */
final class TinyFashionMnist {

    static final int SIDE = 28;

    private TinyFashionMnist() {}

    /**
     * Writes the four gzipped IDX files of a 10-class set into {@code dir}: {@code perClassTrain}
     * training and {@code perClassTest} test images per class, each class a bright band at its own
     * rows plus noise (learnable, so accuracies are not all zero).
     */
    static Path write(Path dir, int perClassTrain, int perClassTest) throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, "train", perClassTrain, 1);
        writeSplit(dir, "t10k", perClassTest, 2);
        return dir;
    }

    private static void writeSplit(Path dir, String prefix, int perClass, long seed) throws IOException {
        int n = perClass * 10;
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer images = ByteBuffer.allocate(16 + n * SIDE * SIDE);
        images.putInt(0x803).putInt(n).putInt(SIDE).putInt(SIDE);
        ByteBuffer labels = ByteBuffer.allocate(8 + n);
        labels.putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            labels.put((byte) label);
            for (int y = 0; y < SIDE; y++) {
                boolean band = y >= 2 * label + 2 && y < 2 * label + 6;
                for (int x = 0; x < SIDE; x++) {
                    images.put((byte) ((band ? 170 : 20) + random.nextInt(60)));
                }
            }
        }
        gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images.array());
        gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.array());
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    /** Exit code and standard output of one command line. */
    record Run(int exitCode, String out) {}

    static Run execute(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = LongTail.execute(args);
            out.flush();
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
