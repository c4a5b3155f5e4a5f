package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.longtail4j.data.formats.CifarBinaryTest.assertAllPixels;
import static org.longtail4j.data.formats.CifarTestFiles.binaryRecords;
import static org.longtail4j.data.formats.CifarTestFiles.python2Batch;
import static org.longtail4j.data.formats.CifarTestFiles.python2Names;
import static org.longtail4j.data.formats.CifarTestFiles.tarGz;
import static org.longtail4j.data.formats.FashionMnistReaderTest.assertMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.data.ImageDataset;

/** The canonical .tar.gz archives, read without unpacking. */
class CifarArchiveTest {

    @TempDir
    Path root;

    @Test
    void readsCifar10BinaryArchiveWhateverTheMemberOrder() throws IOException {
        // members out of order, as tar does not promise any: the reader must still number the
        // training images data_batch_1 first
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
        members.put("data_batch_3.bin", binaryRecords(2, new int[] {3}, null));
        members.put("test_batch.bin", binaryRecords(90, new int[] {9, 0}, null));
        members.put("data_batch_1.bin", binaryRecords(0, new int[] {1}, null));
        members.put("data_batch_5.bin", binaryRecords(4, new int[] {5}, null));
        members.put("batches.meta.txt", (String.join("\n", CifarTestFiles.CIFAR10_NAMES) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII));
        members.put("data_batch_2.bin", binaryRecords(1, new int[] {2}, null));
        members.put("data_batch_4.bin", binaryRecords(3, new int[] {4}, null));
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, tarGz("cifar-10-batches-bin", members));

        ImageDataset train = CifarReader.read(archive, 10, true, 5);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, train.labels());
        assertAllPixels(train, 0);
        assertEquals("automobile", train.classNames().get(train.label(0)));

        ImageDataset test = CifarReader.read(archive, 10, false, 2);
        assertArrayEquals(new int[] {9, 0}, test.labels());
        assertAllPixels(test, 90);
        assertEquals("truck", test.classNames().get(9));
    }

    @Test
    void readsCifar100PythonArchiveFoundInItsFolder() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("meta", python2Names("fine_label_names",
                IntStream.range(0, 100).mapToObj(i -> "name" + i).toList()));
        members.put("test", python2Batch(10, "fine_labels", new int[] {88, 11}));
        members.put("train", python2Batch(0, "fine_labels", new int[] {1, 2, 3}));
        members.put("file.txt~", new byte[] {1});
        Files.write(root.resolve("cifar-100-python.tar.gz"), tarGz("cifar-100-python", members));

        // the folder holding the archive, as DatasetDownloader leaves it
        ImageDataset test = CifarReader.read(root, 100, false, 2);
        assertEquals("cifar-100/test", test.name());
        assertArrayEquals(new int[] {88, 11}, test.labels());
        assertEquals("name88", test.classNames().get(test.label(0)));
        assertAllPixels(test, 10);
        assertEquals(3, CifarReader.read(root, 100, true, 3).size());
    }

    @Test
    void membersAreNamedInsideTheArchiveInMessages() throws IOException {
        Path archive = root.resolve("cifar-100-binary.tar.gz");
        Files.write(archive, tarGz("cifar-100-binary", Map.of("test.bin", new byte[3075])));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 100, false, 1));
        assertMessage(e, "file " + archive + "!/cifar-100-binary/test.bin: "
                + "3075 bytes is not a whole number of 3074-byte records");
    }

    @Test
    void missingMembersAreNamed() throws IOException {
        Path archive = root.resolve("cifar-10-python.tar.gz");
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int b : new int[] {1, 2, 4}) {
            members.put("data_batch_" + b, python2Batch(b, "labels", new int[] {b}));
        }
        Files.write(archive, tarGz("cifar-10-batches-py", members));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 10, true, 5));
        assertMessage(e, "CIFAR-10 python data in " + archive + " is incomplete: missing data_batch_3, data_batch_5");
    }

    @Test
    void archiveOfTheOtherDatasetIsReported() throws IOException {
        Path archive = root.resolve("cifar-100-binary.tar.gz");
        byte[] train = binaryRecords(0, new int[] {1}, new int[] {0});
        Files.write(archive, tarGz("cifar-100-binary", Map.of("train.bin", train)));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 10, true, 5));
        assertMessage(e, archive + " holds none of the CIFAR-10 training files",
                "data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin"
                        + " (binary version)",
                "data_batch_5 (python version)");
    }

    @Test
    void fileThatIsNotGzipIsReported() throws IOException {
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Files.writeString(archive, "<html>moved</html>");

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 10, true, 5));
        assertMessage(e, "file " + archive + ": not a gzip file", "expected a .tar.gz archive");
    }

    @Test
    void truncatedArchiveIsReported() throws IOException {
        byte[] test = binaryRecords(0, new int[] {1, 2, 3}, null);
        byte[] whole = tarGz("cifar-10-batches-bin", Map.of("test_batch.bin", test));
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 10, false, 3));
        assertMessage(e, "file " + archive + ": corrupt or truncated archive", "expected a complete .tar.gz");
        // the gzip stream's EOFException has no message: it printed "(null)"
        assertEquals("file " + archive + ": corrupt or truncated archive (it ends early), expected a complete .tar.gz",
                e.getMessage());
    }

    @Test
    void bothVersionsPresentReadsTheBinaryOne() throws IOException {
        Path bin = Files.createDirectories(root.resolve("cifar-100-binary"));
        Files.write(bin.resolve("test.bin"), binaryRecords(0, new int[] {5}, new int[] {1}));
        Path py = Files.createDirectories(root.resolve("cifar-100-python"));
        Files.write(py.resolve("test"), python2Batch(0, "fine_labels", new int[] {6}));

        assertArrayEquals(new int[] {5}, CifarReader.read(root, 100, false, 1).labels());
    }
}
