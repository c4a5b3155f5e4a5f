package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.longtail4j.data.formats.CifarTestFiles.binaryRecords;
import static org.longtail4j.data.formats.CifarTestFiles.python2Batch;
import static org.longtail4j.data.formats.CifarTestFiles.tarGz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/**
 * A CIFAR batch file cut short by whole records parses cleanly, so each batch is checked against the
 * images its split holds (the published 50,000 / 10,000, or the counts a config gives for files made to
 * measure): before, such a file was read as a smaller dataset without a word.
 */
class CifarBatchCountTest {

    @TempDir
    Path root;

    @Test
    void aPublishedTestBatchShortByOneRecordIsReported() throws IOException {
        // the real size, less one record: 9,999 x 3073 bytes (30 MB)
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Path file = Files.write(dir.resolve("test_batch.bin"), new byte[9_999 * 3073]);

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, false, 10_000));
        assertEquals("file " + file + " holds 9,999 records of 3073 bytes; a CIFAR-10 test batch holds 10,000,"
                + " so the file is cut short or not the published one", e.getMessage());
    }

    @Test
    void eachTrainingBatchHoldsItsShare() throws IOException {
        Path dir = CifarBinaryTest.writeCifar10(root.resolve("cifar-10-batches-bin")); // 2 images per batch
        Path third = Files.write(dir.resolve("data_batch_3.bin"), binaryRecords(4, new int[] {1}, null));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, true, 10));
        assertEquals("file " + third + " holds 1 record of 3073 bytes; a CIFAR-10 training batch holds 2 here"
                + " (data.cifar_train_images: 10), so the file is cut short or not the published one", e.getMessage());
    }

    @Test
    void aBatchWithMoreImagesThanExpectedIsReportedToo() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        Path file = Files.write(dir.resolve("test.bin"), binaryRecords(0, new int[] {1, 2, 3}, new int[] {0, 0, 0}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 100, false, 2));
        assertEquals("file " + file + " holds 3 records of 3074 bytes; a CIFAR-100 test batch holds 2 here"
                + " (data.cifar_test_images: 2)", e.getMessage());
    }

    @Test
    void aShortPickleIsReportedInImages() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-python"));
        Path file = Files.write(dir.resolve("train"), python2Batch(0, "fine_labels", new int[] {4, 5}));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 100, true, 50_000));
        assertEquals("file " + file + " holds 2 images; a CIFAR-100 training batch holds 50,000,"
                + " so the file is cut short or not the published one", e.getMessage());
    }

    @Test
    void archiveMembersAreCountedAndNamed() throws IOException {
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, tarGz("cifar-10-batches-bin", Map.of("test_batch.bin", binaryRecords(0, new int[] {1}, null))));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(archive, 10, false, 10_000));
        assertEquals("file " + archive + "!/cifar-10-batches-bin/test_batch.bin holds 1 record of 3073 bytes;"
                + " a CIFAR-10 test batch holds 10,000, so the file is cut short or not the published one",
                e.getMessage());
    }

    @Test
    void aTrainingCountThatFiveBatchesCannotShareIsAConfigMistake() throws IOException {
        Path dir = CifarBinaryTest.writeCifar10(root.resolve("cifar-10-batches-bin"));

        BadInputException e = assertThrows(BadInputException.class, () -> CifarReader.read(dir, 10, true, 12));
        assertEquals("config key 'data.cifar_train_images' is 12, expected a positive multiple of 5"
                + " (CIFAR-10's training images come in 5 equal batch files)", e.getMessage());
    }
}
