package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.longtail4j.data.formats.CifarTestFiles.binaryRecords;
import static org.longtail4j.data.formats.CifarTestFiles.value;
import static org.longtail4j.data.formats.FashionMnistReaderTest.assertMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

/** The CIFAR "binary version", unpacked in a folder. */
class CifarBinaryTest {

    /** Two images per training batch; batch b holds images 2b and 2b + 1. */
    private static final int[][] CIFAR10_TRAIN_LABELS = {{6, 9}, {9, 4}, {1, 1}, {2, 7}, {8, 3}};

    @TempDir
    Path root;

    @Test
    void readsCifar10TrainingBatchesInFileOrder() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));

        ImageDataset train = CifarReader.read(dir, 10, true, 10);
        assertEquals("cifar-10/train", train.name());
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, train.labels());
        assertEquals(CifarTestFiles.CIFAR10_NAMES, train.classNames());
        assertAllPixels(train, 0);
        // by hand: image 3, green channel, row 2, column 5 = 3*37 + 85 + 2*11 + 5*3 = 233
        assertEquals(233, train.pixel(3, 1024 + 2 * 32 + 5));
        // image 9, blue, row 31, column 31 = (333 + 170 + 341 + 93) % 256 = 169
        assertEquals(169, train.pixel(9, 3071));
    }

    @Test
    void readsCifar10TestBatch() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));

        ImageDataset test = CifarReader.read(dir, 10, false, 3);
        assertEquals("cifar-10/test", test.name());
        assertArrayEquals(new int[] {3, 8, 0}, test.labels());
        assertAllPixels(test, 100);
        assertEquals("cat", test.classNames().get(test.label(0)));
    }

    @Test
    void readsCifar100FineLabelsFromTwoLabelRecords() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        int[] fine = {19, 29, 0, 99};
        int[] coarse = {11, 15, 4, 19};
        Files.write(dir.resolve("train.bin"), binaryRecords(0, fine, coarse));
        Files.write(dir.resolve("test.bin"), binaryRecords(50, new int[] {49, 33}, new int[] {10, 10}));

        ImageDataset train = CifarReader.read(dir, 100, true, 4);
        assertEquals("cifar-100/train", train.name());
        assertArrayEquals(fine, train.labels());
        assertEquals(100, train.numClasses());
        assertEquals("class_0", train.classNames().get(0)); // no fine_label_names.txt
        assertEquals("class_99", train.classNames().get(99));
        assertAllPixels(train, 0);
        assertEquals(value(2, 2047), train.pixel(2, 2047));

        ImageDataset test = CifarReader.read(dir, 100, false, 2);
        assertArrayEquals(new int[] {49, 33}, test.labels());
        assertAllPixels(test, 50);
    }

    @Test
    void readsCifar100ClassNamesFile() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        Files.write(dir.resolve("test.bin"), binaryRecords(0, new int[] {1}, new int[] {1}));
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            names.append(i == 0 ? "apple" : i == 99 ? "worm" : "fine" + i).append('\n');
        }
        Files.writeString(dir.resolve("fine_label_names.txt"), names + "\n\n");

        ImageDataset test = CifarReader.read(dir, 100, false, 1);
        assertEquals("apple", test.classNames().get(0));
        assertEquals("fine1", test.classNames().get(test.label(0)));
        assertEquals("worm", test.classNames().get(99));
    }

    @Test
    void readsTheParentOfTheUnpackedFolder() throws IOException {
        writeCifar10(root.resolve("cifar-10-batches-bin"));
        assertArrayEquals(new int[] {3, 8, 0}, CifarReader.read(root, 10, false, 3).labels());
    }

    @Test
    void recordThatIsCutShortIsReported() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        byte[] records = binaryRecords(0, new int[] {1, 2}, new int[] {0, 0});
        Files.write(dir.resolve("train.bin"), Arrays.copyOf(records, records.length - 10));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 100, true, 2));
        assertMessage(e, "file " + dir.resolve("train.bin")
                + ": 6138 bytes is not a whole number of 3074-byte records");
    }

    @Test
    void cifar10RecordsAre3073Bytes() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));
        Files.write(dir.resolve("test_batch.bin"), new byte[3074]);

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 3));
        assertMessage(e, "test_batch.bin: 3074 bytes is not a whole number of 3073-byte records");
    }

    @Test
    void emptyBatchFileIsReported() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 3));
        assertMessage(e, "test_batch.bin is empty, expected 3073-byte records");
    }

    @Test
    void labelOutOfRangeIsNamed() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));
        Files.write(dir.resolve("data_batch_4.bin"), binaryRecords(6, new int[] {2, 10}, null));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, true, 10));
        assertMessage(e, "data_batch_4.bin: label 10 of image 1 is out of range, expected 0..9");
    }

    @Test
    void cifar100FineLabelOutOfRangeIsNamed() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        Files.write(dir.resolve("test.bin"), binaryRecords(0, new int[] {5, 100}, new int[] {1, 1}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 100, false, 2));
        assertMessage(e, "test.bin: label 100 of image 1 is out of range, expected 0..99");
    }

    @Test
    void missingTrainingBatchIsNamed() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));
        Files.delete(dir.resolve("data_batch_5.bin"));
        Files.delete(dir.resolve("data_batch_2.bin"));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, true, 10));
        assertMessage(e, "CIFAR-10 binary data in " + dir, "incomplete: missing data_batch_2.bin, data_batch_5.bin");
    }

    @Test
    void folderWithoutCifarDataSaysWhatWasExpected() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "nothing here");

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(root, 100, true, 50_000));
        assertMessage(e, "folder " + root + " holds no CIFAR-100 data",
                "cifar-100-binary/ or cifar-100-binary.tar.gz", "cifar-100-python/ or cifar-100-python.tar.gz");
    }

    @Test
    void cifar100FilesAreNotCifar10() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        Files.write(dir.resolve("train.bin"), binaryRecords(0, new int[] {1}, new int[] {1}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, true, 5));
        assertMessage(e, "folder " + dir + " holds no CIFAR-10 data");
    }

    @Test
    void missingSourceIsNamed() {
        Path missing = root.resolve("cifar-10-batches-bin");
        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(missing, 10, true, 10));
        assertMessage(e, missing + " does not exist", "expected a folder or a .tar.gz archive");
    }

    @Test
    void onlyTenOrHundredClasses() {
        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(root, 20, true, 10_000));
        assertMessage(e, "number of CIFAR classes is 20, expected 10 or 100");
    }

    @Test
    void classNamesFileWithTheWrongCountIsNamed() throws IOException {
        Path dir = writeCifar10(root.resolve("cifar-10-batches-bin"));
        Files.writeString(dir.resolve("batches.meta.txt"), "airplane\nautomobile\n");

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 3));
        assertMessage(e, "batches.meta.txt: 2 class names, expected 10");
    }

    /** The unpacked CIFAR-10 binary folder: five training batches, the test batch and the names. */
    static Path writeCifar10(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int b = 0; b < 5; b++) {
            Files.write(dir.resolve("data_batch_" + (b + 1) + ".bin"),
                    binaryRecords(2 * b, CIFAR10_TRAIN_LABELS[b], null));
        }
        Files.write(dir.resolve("test_batch.bin"), binaryRecords(100, new int[] {3, 8, 0}, null));
        // the real file ends with blank lines
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", CifarTestFiles.CIFAR10_NAMES) + "\n\n");
        Files.writeString(dir.resolve("readme.html"), "<html></html>");
        return dir;
    }

    /** Every byte of every image matches {@link CifarTestFiles#value}, images numbered from {@code first}. */
    static void assertAllPixels(ImageDataset data, int first) {
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < 3072; j++) {
                assertEquals(value(first + i, j), data.pixel(i, j), "image " + i + " byte " + j);
            }
        }
    }
}
