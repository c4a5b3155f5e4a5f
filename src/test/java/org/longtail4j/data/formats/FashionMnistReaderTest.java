package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

class FashionMnistReaderTest {

    private static final int SIDE = 28;
    private static final int[] TRAIN_LABELS = {9, 0, 3, 7, 5};
    private static final int[] TEST_LABELS = {2, 8};

    @TempDir
    Path dir;

    /** Pixel (y, x) of image i: distinct per image and position, so a shifted read shows. */
    private static int pixel(int image, int y, int x) {
        return (image * 31 + y * SIDE + x) % 256;
    }

    @Test
    void readsGzippedTrainAndTestSplits() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        writeSplit("t10k", TEST_LABELS, true);

        ImageDataset train = FashionMnistReader.read(dir, true);
        assertEquals("fashion-mnist/train", train.name());
        assertEquals(5, train.size());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(TRAIN_LABELS, train.labels());
        assertEquals(10, train.numClasses());
        assertEquals("T-shirt/top", train.classNames().get(0));
        assertEquals("Ankle boot", train.classNames().get(9));
        assertEquals("Sneaker", train.classNames().get(TRAIN_LABELS[3]));
        for (int i = 0; i < train.size(); i++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    assertEquals(pixel(i, y, x), train.pixel(i, y * SIDE + x));
                }
            }
        }
        // spot values, worked out by hand: image 2, row 1, column 3 -> 62 + 28 + 3
        assertEquals(93, train.pixel(2, SIDE + 3));
        assertEquals((4 * 31 + 27 * 28 + 27) % 256, train.pixel(4, SIDE * SIDE - 1));

        ImageDataset test = FashionMnistReader.read(dir, false);
        assertEquals("fashion-mnist/test", test.name());
        assertArrayEquals(TEST_LABELS, test.labels());
        assertEquals(pixel(1, 5, 6), test.pixel(1, 5 * SIDE + 6));
    }

    @Test
    void readsFilesThatWereAlreadyGunzipped() throws IOException {
        writeSplit("t10k", TEST_LABELS, false);
        ImageDataset test = FashionMnistReader.read(dir, false);
        assertArrayEquals(TEST_LABELS, test.labels());
        assertEquals(pixel(0, 27, 0), test.pixel(0, 27 * SIDE));
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("nowhere");
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(missing, true));
        assertMessage(e, missing.toString(), "expected the folder");
    }

    @Test
    void missingLabelsFileIsNamed() throws IOException {
        writeGz("train-images-idx3-ubyte.gz", images(TRAIN_LABELS.length));
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-labels-idx1-ubyte.gz", "is missing");
    }

    @Test
    void wrongMagicShowsFoundAndExpectedInHex() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        // a labels file where the images file should be
        writeGz("train-images-idx3-ubyte.gz", labels(TRAIN_LABELS));
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-images-idx3-ubyte.gz", "magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void truncatedImageDataSaysHowManyBytes() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        byte[] full = images(TRAIN_LABELS.length);
        writeGz("train-images-idx3-ubyte.gz", Arrays.copyOf(full, full.length - 100));
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-images-idx3-ubyte.gz", "expected 3920 bytes", "got 3820");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        writeGz("train-labels-idx1-ubyte.gz", new byte[] {0, 0, 8, 1, 0});
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-labels-idx1-ubyte.gz", "5 bytes", "expected 8 bytes");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        writeGz("train-labels-idx1-ubyte.gz", labels(new int[] {1, 2, 3, 4}));
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "5 images", "4 labels");
    }

    @Test
    void labelOutOfRangeIsNamedWithItsPosition() throws IOException {
        writeSplit("train", new int[] {1, 2, 10, 4, 5}, true);
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-labels-idx1-ubyte.gz", "label 10 of item 2", "expected 0..9");
    }

    @Test
    void fileThatIsNotGzipIsReported() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(TRAIN_LABELS)); // raw IDX, .gz name
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-labels-idx1-ubyte.gz", "not a valid gzip file", "expected gzip");
    }

    @Test
    void cutOffGzipStreamIsReported() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-images-idx3-ubyte.gz", "gzip data ends early", "expected a complete gzip stream");
    }

    @Test
    void corruptGzipDataIsReported() throws IOException {
        writeSplit("train", TRAIN_LABELS, true);
        Path file = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        gz[gz.length - 5] ^= 0x55; // inside the CRC-32 / length trailer
        Files.write(file, gz);
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnistReader.read(dir, true));
        assertMessage(e, "train-labels-idx1-ubyte.gz", "not a valid gzip file");
    }

    /** The real files from Debian's dataset-fashion-mnist package, when this machine has them. */
    @Test
    void readsTheRealDebianFiles() {
        Path real = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isRegularFile(real.resolve("t10k-images-idx3-ubyte.gz")));

        ImageDataset test = FashionMnistReader.read(real, false);
        assertEquals(10_000, test.size());
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, test.classCounts());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        assertEquals(98, test.pixel(0, 14 * SIDE + 12));

        ImageDataset train = FashionMnistReader.read(real, true);
        assertEquals(60_000, train.size());
        assertEquals(6000, train.classCounts()[3]);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
        assertEquals(237, train.pixel(0, 14 * SIDE + 12));
        assertEquals(255, train.pixel(0, 14 * SIDE + 25));
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "': " + e.getMessage());
        }
    }

    private void writeSplit(String prefix, int[] labels, boolean gzip) throws IOException {
        String images = prefix + "-images-idx3-ubyte";
        String labelFile = prefix + "-labels-idx1-ubyte";
        if (gzip) {
            writeGz(images + ".gz", images(labels.length));
            writeGz(labelFile + ".gz", labels(labels));
        } else {
            Files.write(dir.resolve(images), images(labels.length));
            Files.write(dir.resolve(labelFile), labels(labels));
        }
    }

    /** IDX images file: magic 0x00000803, count, rows, columns (big-endian ints), then the pixels. */
    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * SIDE * SIDE);
        b.putInt(0x00000803).putInt(count).putInt(SIDE).putInt(SIDE);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    b.put((byte) pixel(i, y, x));
                }
            }
        }
        return b.array();
    }

    /** IDX labels file: magic 0x00000801, count (big-endian ints), then one byte per label. */
    private static byte[] labels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    private void writeGz(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        Files.write(dir.resolve(name), bytes.toByteArray());
    }
}
