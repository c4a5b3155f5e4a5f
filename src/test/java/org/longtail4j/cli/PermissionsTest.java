package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.WithoutPrivilege;

/**
 * Folders the command line may not read or write, as a user meets them: each gets one line naming the
 * path and the cause, exit 2, and no run folder is left behind. Before, an unreadable data folder was
 * reported as missing (CIFAR: "holds no CIFAR-100 data"), an unreadable CIFAR archive as "corrupt or
 * truncated" and an unreadable IDX file with a Java class name. The commands run in a child process on
 * which permissions bite, root or not ({@link WithoutPrivilege}).
 */
class PermissionsTest {

    @TempDir
    Path dir;

    private final List<Path> locked = new ArrayList<>();

    @AfterEach
    void unlock() throws IOException {
        for (Path p : locked) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    @Test
    void anUnreadableDataFolderIsUnreadableNotMissing() throws Exception {
        Path data = fashionMnistFolder(dir.resolve("fm"));
        lock(data, "---------");

        CliRun run = train(data);
        assertOneLine(run, "error: cannot read data folder " + data + ": permission denied");
    }

    @Test
    void aDataFolderBehindAFolderThatCannotBeEnteredIsUnreadable() throws Exception {
        Path data = fashionMnistFolder(dir.resolve("closed").resolve("fm"));
        lock(dir.resolve("closed"), "---------");

        assertOneLine(train(data), "error: cannot read data folder " + data + ": permission denied");
    }

    @Test
    void anUnreadableDataFileIsNamed() throws Exception {
        Path data = fashionMnistFolder(dir.resolve("fm"));
        Path images = data.resolve("train-images-idx3-ubyte.gz");
        lock(images, "---------");

        assertOneLine(train(data), "error: file " + images + ": cannot read (permission denied)");
    }

    @Test
    void anUnreadableCifarFolderIsUnreadableNotEmpty() throws Exception {
        // it said "folder D holds no CIFAR-100 data"
        Path data = Files.createDirectories(dir.resolve("cifar-100-binary"));
        Files.write(data.resolve("train.bin"), new byte[3074]);
        lock(data, "---------");

        assertOneLine(train(data, cifar100Config()), "error: cannot read data folder " + data + ": permission denied");
    }

    @Test
    void anUnreadableCifarArchiveIsUnreadableNotCorrupt() throws Exception {
        // in a folder it said "corrupt or truncated archive (permission denied)"; named itself, "not found"
        Path archive = Files.write(dir.resolve("cifar-100-binary.tar.gz"), new byte[100]);
        lock(archive, "---------");

        assertOneLine(train(dir, cifar100Config()), "error: file " + archive + ": cannot read (permission denied)");
        assertOneLine(train(archive, cifar100Config()), "error: cannot read data file " + archive + ": permission denied");
    }

    @Test
    void aReadOnlyOutIsNamedWithTheCause() throws Exception {
        Path out = Files.createDirectories(dir.resolve("runs").resolve("run"));
        lock(out, "r-xr-xr-x");

        CliRun run = WithoutPrivilege.run("train", "--config", TinyConfigs.write(dir).toString(), "--out", out.toString());
        assertOneLine(run, "error: cannot write to run folder " + out + ": permission denied");
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "the read-only folder was written");
        }
    }

    @Test
    void resumingARunInAReadOnlyFolderIsNamedWithTheCause() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(TinyConfigs.write(dir), run.resolve("config.yaml"));
        lock(run, "r-xr-xr-x");

        assertOneLine(WithoutPrivilege.run("train", "--resume", run.toString()),
                "error: cannot write to run folder " + run + ": permission denied");
    }

    @Test
    void anOutInsideAReadOnlyFolderIsNamedWithTheCause() throws Exception {
        Path parent = Files.createDirectories(dir.resolve("runs"));
        lock(parent, "r-xr-xr-x");
        Path out = parent.resolve("run");

        CliRun run = WithoutPrivilege.run("train", "--config", TinyConfigs.write(dir).toString(), "--out", out.toString());
        assertOneLine(run, "error: cannot create run folder " + out + ": permission denied");
    }

    private CliRun train(Path data) throws Exception {
        return train(data, TinyConfigs.write(dir));
    }

    private CliRun train(Path data, Path config) throws Exception {
        CliRun run = WithoutPrivilege.run("train", "--config", config.toString(), "--data", data.toString(),
                "--out", dir.resolve("out").toString());
        assertFalse(Files.exists(dir.resolve("out")), "a failed start left its run folder:\n" + run);
        return run;
    }

    private Path cifar100Config() throws IOException {
        return Files.writeString(dir.resolve("cifar.yaml"), TinyConfigs.TINY.replace("fashion-mnist", "cifar100"));
    }

    /** The four file names of Fashion-MNIST (their content is never reached). */
    private static Path fashionMnistFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.write(folder.resolve(name), new byte[] {1});
        }
        return folder;
    }

    private void lock(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        locked.add(path);
    }

    private static void assertOneLine(CliRun run, String line) {
        assertEquals(2, run.exit(), run::toString);
        assertEquals(List.of(line), run.errLines(), run::toString);
    }
}
