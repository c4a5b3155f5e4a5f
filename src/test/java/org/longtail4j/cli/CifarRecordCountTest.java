package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.CliRun;

/**
 * {@code train} on CIFAR files holding fewer images than the published ones stops with one line naming
 * the file and both counts (before, a batch cut short by whole records was read as a smaller dataset);
 * the counts are CIFAR settings, refused for other datasets.
 */
class CifarRecordCountTest {

    @TempDir
    Path dir;

    @Test
    void aShortCifar100TrainFileIsNamedWithBothCounts() throws IOException {
        Path data = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Path train = Files.write(data.resolve("train.bin"), new byte[100 * 3074]); // 100 images of class 0
        Files.write(data.resolve("test.bin"), new byte[100 * 3074]);
        Path config = Files.writeString(dir.resolve("c.yaml"), TinyConfigs.TINY.replace("fashion-mnist", "cifar100"));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals(List.of("error: file " + train + " holds 100 records of 3074 bytes; a CIFAR-100 training batch"
                + " holds 50,000, so the file is cut short or not the published one"), run.errLines(), run::toString);
        assertFalse(Files.exists(out), "a failed start left its run folder");
    }

    @Test
    void theCountsAreRefusedForOtherDatasets() throws IOException {
        Path config = TinyConfigs.write(dir);
        CliRun run = CliRun.of("train", "--config", config.toString(), "--set", "data.cifar_test_images=100",
                "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit(), run::toString);
        assertEquals(List.of("error: config key 'data.cifar_test_images' is 100, expected no value: it applies only to"
                + " cifar10 and cifar100, and data.dataset is fashion-mnist"), run.errLines(), run::toString);
    }
}
