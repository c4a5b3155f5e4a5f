package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.CliRun;

/** `longtail dataset` on an image folder: what was read, classes in run order, groups; bad input is one line. */
class DatasetCommandImageFilesTest {

    @TempDir
    Path dir;

    private void image(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(20, 16, BufferedImage.TYPE_3BYTE_BGR), "png", file.toFile());
    }

    @Test
    void printsTheClassesInFrequencyOrderWithTheirOriginalLabels() throws Exception {
        for (int k = 0; k < 3; k++) {
            image(dir.resolve("train/apple/" + k + ".png"));
        }
        for (int k = 0; k < 5; k++) {
            image(dir.resolve("train/banana/" + k + ".png"));
        }
        image(dir.resolve("val/apple/v.png"));
        image(dir.resolve("val/banana/v.png"));
        CliRun run = CliRun.of("dataset", "--data", dir.toString(), "--set", "data.dataset=image-folder",
                "--set", "data.label_order=frequency", "--set", "data.groups.rule=oltr", "--set", "data.decoder=imageio");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("training images 8, validation images none, test images 2, classes 2"), run.out());
        assertTrue(run.out().matches("(?s).*\\n\\s+0\\s+1\\s+banana\\s+5\\s+few\\n\\s+1\\s+0\\s+apple\\s+3\\s+few\\n.*"),
                run.out());
        assertTrue(run.out().contains("groups: oltr: many >= 100, few <= 20 training images -> 0 / 0 / 2 classes"),
                run.out());
    }

    @Test
    void anEmptyClassFolderIsOneLineAndExitCode2() throws Exception {
        image(dir.resolve("a/x.png"));
        Files.createDirectories(dir.resolve("b"));
        CliRun run = CliRun.of("dataset", "--data", dir.toString(), "--set", "data.dataset=image-folder",
                "--set", "data.hold_out=0.5");
        assertEquals(2, run.exit(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.err().contains("class folder " + dir.resolve("b") + " holds no image"), run.err());
    }
}
