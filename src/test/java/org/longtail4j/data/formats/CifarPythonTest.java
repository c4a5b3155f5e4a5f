package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.longtail4j.data.formats.CifarBinaryTest.assertAllPixels;
import static org.longtail4j.data.formats.CifarTestFiles.pixels;
import static org.longtail4j.data.formats.CifarTestFiles.python2Batch;
import static org.longtail4j.data.formats.CifarTestFiles.python2Names;
import static org.longtail4j.data.formats.CifarTestFiles.python3Batch;
import static org.longtail4j.data.formats.FashionMnistReaderTest.assertMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

/** The CIFAR "python version": pickled dicts, as Python 2 wrote them and as Python 3 rewrites them. */
class CifarPythonTest {

    @TempDir
    Path root;

    @Test
    void readsCifar10PicklesWrittenByPython2() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        for (int b = 0; b < 5; b++) {
            Files.write(dir.resolve("data_batch_" + (b + 1)), python2Batch(3 * b, "labels", new int[] {b, 9 - b, 5}));
        }
        Files.write(dir.resolve("test_batch"), python2Batch(200, "labels", new int[] {7, 7}));
        Files.write(dir.resolve("batches.meta"), python2Names("label_names", CifarTestFiles.CIFAR10_NAMES));

        ImageDataset train = CifarReader.read(dir, 10, true, 15);
        assertEquals("cifar-10/train", train.name());
        assertArrayEquals(new int[] {0, 9, 5, 1, 8, 5, 2, 7, 5, 3, 6, 5, 4, 5, 5}, train.labels());
        assertEquals(CifarTestFiles.CIFAR10_NAMES, train.classNames());
        assertAllPixels(train, 0);
        // by hand: image 4, red, row 0, column 1 = 4*37 + 3 = 151
        assertEquals(151, train.pixel(4, 1));

        ImageDataset test = CifarReader.read(root, 10, false, 2); // the parent folder works too
        assertArrayEquals(new int[] {7, 7}, test.labels());
        assertEquals("horse", test.classNames().get(7));
        assertAllPixels(test, 200);
    }

    @Test
    void readsCifar100PicklesWrittenByPython2() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-python"));
        int[] fine = {99, 0, 57, 12, 31, 64, 8};
        Files.write(dir.resolve("train"), python2Batch(0, "fine_labels", fine));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add(i == 0 ? "apple" : i == 99 ? "worm" : "fine_" + i);
        }
        Files.write(dir.resolve("meta"), python2Names("fine_label_names", names));

        ImageDataset train = CifarReader.read(dir, 100, true, 7);
        assertEquals("cifar-100/train", train.name());
        assertArrayEquals(fine, train.labels()); // not the coarse labels, which the dict also holds
        assertEquals("worm", train.classNames().get(train.label(0)));
        assertEquals("apple", train.classNames().get(train.label(1)));
        assertEquals("fine_57", train.classNames().get(57));
        assertAllPixels(train, 0);
    }

    @Test
    void readsPicklesRewrittenByPython3WithNumpy2() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-python"));
        Files.write(dir.resolve("test"), python3Batch(40, "fine_labels", new int[] {3, 1, 4, 1, 5}));

        ImageDataset test = CifarReader.read(dir, 100, false, 5);
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, test.labels());
        assertEquals(List.of("class_0", "class_1"), test.classNames().subList(0, 2)); // no meta file
        assertAllPixels(test, 40);
    }

    /**
     * A batch written by Python 3's pickle.dump(protocol=2) with numpy 1.24, by
     * src/test/resources/fixtures/make_cifar100_py3_pickle.py: bytes keys, _codecs.encode bytes.
     */
    @Test
    void readsTheFixtureWrittenByPython3() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-python"));
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/cifar100-py3-train.pickle")) {
            Files.copy(fixture, dir.resolve("train"));
        }

        ImageDataset train = CifarReader.read(root, 100, true, 4);
        assertEquals(4, train.size());
        assertArrayEquals(new int[] {0, 42, 99, 7}, train.labels());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3072; j++) {
                assertEquals((7 * (i * 3072 + j) + 3) % 256, train.pixel(i, j), "image " + i + " byte " + j);
            }
        }
        assertEquals(3, train.pixel(0, 0));
        assertEquals(10, train.pixel(0, 1));
        assertEquals(3, train.pixel(1, 0)); // 7 * 3072 + 3 = 21507 = 84 * 256 + 3
        assertEquals((7 * 3 * 3072 + 7 * 3071 + 3) % 256, train.pixel(3, 3071));
    }

    @Test
    void fileThatIsNotAPickleIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.writeString(dir.resolve("test_batch"), "<html>404 Not Found</html>");

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "file " + dir.resolve("test_batch") + ": not a readable Python pickle",
                "expected a pickled dict with data and labels");
    }

    @Test
    void truncatedPickleIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        byte[] pickle = python2Batch(0, "labels", new int[] {1, 2});
        Files.write(dir.resolve("test_batch"), Arrays.copyOf(pickle, pickle.length / 2));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "test_batch: not a readable Python pickle");
    }

    @Test
    void pickleOfSomethingOtherThanADictIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        byte[] list = new PickleWriter().proto2().op(PickleWriter.EMPTY_LIST).op(PickleWriter.STOP).bytes();
        Files.write(dir.resolve("test_batch"), list);

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "test_batch: the pickle holds a list, expected a dict with data and labels");
    }

    @Test
    void missingDataKeyIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"),
                python2Batch("pixels", new int[] {1, 3072}, "u1", pixels(0, 1), "labels", new int[] {1}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "test_batch: no key 'data' in the pickled dict", "pixels", "expected a numpy uint8 array");
    }

    @Test
    void missingLabelsKeyIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-python"));
        // CIFAR-10 style labels in a CIFAR-100 file
        Files.write(dir.resolve("test"), python2Batch(0, "labels", new int[] {1}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 100, false, 1));
        assertMessage(e, "test: no key 'fine_labels'", "expected a list of ints");
    }

    @Test
    void arrayOfTheWrongWidthIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"),
                python2Batch("data", new int[] {3, 1024}, "u1", new byte[3 * 1024], "labels", new int[] {1, 2, 3}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 3));
        assertMessage(e, "test_batch: data is a numpy array [3, 1024] of |u1, expected a uint8 array of N x 3072");
    }

    @Test
    void arrayOfTheWrongTypeIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"),
                python2Batch("data", new int[] {1, 3072}, "f8", new byte[8 * 3072], "labels", new int[] {1}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "test_batch: data is a numpy array [1, 3072] of <f8, expected a uint8 array");
    }

    @Test
    void arrayWithTooFewBytesIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"),
                python2Batch("data", new int[] {2, 3072}, "u1", pixels(0, 1), "labels", new int[] {1, 2}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 2));
        assertMessage(e, "test_batch: data holds 3072 bytes, expected 2 x 3072 = 6144");
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"),
                python2Batch("data", new int[] {2, 3072}, "u1", pixels(0, 2), "labels", new int[] {1, 2, 3}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 2));
        assertMessage(e, "test_batch: 3 labels for 2 images, expected one per image");
    }

    @Test
    void labelOutOfRangeIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"), python2Batch(0, "labels", new int[] {0, 1, 2, 300}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 4));
        assertMessage(e, "test_batch: label 300 of image 3 is out of range, expected 0..9");
    }

    @Test
    void labelThatIsNotAnIntIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"), replaceFirstLabelWithText(python2Batch(0, "labels", new int[] {1})));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "test_batch: labels[0] is a str, expected an int");
    }

    @Test
    void metaFileWithTheWrongCountIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-py"));
        Files.write(dir.resolve("test_batch"), python2Batch(0, "labels", new int[] {1}));
        Files.write(dir.resolve("batches.meta"), python2Names("label_names", List.of("airplane", "automobile")));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 1));
        assertMessage(e, "batches.meta: label_names has 2 names, expected 10");
    }

    /**
     * After the key (SHORT_BINSTRING "U" 06 "labels"), the labels list of a one-image batch with label
     * 1 is MARK, BININT1 1, APPENDS ("(" "K" 01 "e"); this swaps BININT1 1 for SHORT_BINSTRING "1"
     * ("U" 01 "1") so the label becomes a str.
     */
    private static byte[] replaceFirstLabelWithText(byte[] batch) {
        String text = new String(batch, StandardCharsets.ISO_8859_1);
        int key = text.indexOf("U\u0006labels");
        int label = text.indexOf("(K\u0001e", key);
        if (key < 0 || label < 0) {
            throw new IllegalStateException("labels list not found in the test pickle");
        }
        String changed = text.substring(0, label) + "(U\u00011e" + text.substring(label + 4);
        return changed.getBytes(StandardCharsets.ISO_8859_1);
    }
}
