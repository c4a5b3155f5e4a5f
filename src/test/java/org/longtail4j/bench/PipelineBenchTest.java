package org.longtail4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Json;

class PipelineBenchTest {

    @TempDir
    Path dir;

    @Test
    void timesAFolderAndReportsTheKeyTheIssueNames() throws Exception {
        for (int i = 0; i < 6; i++) {
            Path file = dir.resolve("c" + (i % 2) + "/img" + i + ".jpg");
            Files.createDirectories(file.getParent());
            ImageIO.write(new BufferedImage(300 + i, 250, BufferedImage.TYPE_3BYTE_BGR), "jpg", file.toFile());
        }
        PipelineBench.Result r = PipelineBench.run(dir, "auto", 2, 4, 3, 1, true, 0,
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(6, r.images());
        assertTrue(r.imagesPerSecond() > 0 && r.cpuMsPerImage() >= 0, r.toString());
        String json = Json.line(r);
        assertTrue(json.contains("\"pipeline_images_per_second\":"), json);
        assertTrue(r.text().contains("pipeline_images_per_second: "), r.text());
    }
}
