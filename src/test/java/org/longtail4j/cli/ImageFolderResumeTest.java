package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image-folder run resumes against its data, also moved (--data), and refuses to resume when the
 * training images changed since it started (train_files.txt), instead of training on another set.
 */
class ImageFolderResumeTest {

    @TempDir
    Path dir;

    @Test
    void resumesOnTheSameImagesAndRefusesChangedOnes() throws IOException {
        Path data = TinyImageData.imageFolder(dir.resolve("folder"));
        Path run = dir.resolve("run");
        TinyFashionMnist.Run train = TinyFashionMnist.execute("train", "--config",
                "configs/image-folder/resnet50-dr-h2t.yaml", "--smoke", "--data", data.toString(), "--out", run.toString(),
                "--set", "model.arch=tv-resnet10", "--set", "model.pretrained=null", "--set", "data.image_size=32",
                "--set", "data.resize_size=36", "--set", "stages.stage1.batch_size=4", "--set",
                "stages.stage2.batch_size=4");
        assertEquals(0, train.exitCode(), train.out());
        assertEquals(11, Files.readAllLines(run.resolve("train_files.txt")).size(), "6 + 3 + 2 training images");
        assertTrue(Files.readString(run.resolve("train_files.txt")).startsWith("train/ant/0.PNG 0\n"),
                "paths relative to data.root, labels in the run's order");

        Path moved = dir.resolve("moved data");
        copy(data, moved);
        TinyFashionMnist.Run resumed = TinyFashionMnist.execute("train", "--resume", run.toString(), "--data",
                moved.toString());
        assertEquals(0, resumed.exitCode(), resumed.out());

        TinyImageData.image(moved.resolve("train/bee/added.jpg"), 99, "jpg");
        TinyFashionMnist.Run changed = TinyFashionMnist.execute("train", "--resume", run.toString(), "--data",
                moved.toString());
        assertEquals(2, changed.exitCode(), changed.out());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
