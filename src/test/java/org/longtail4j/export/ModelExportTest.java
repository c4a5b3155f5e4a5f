package org.longtail4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;

/**
 * An exported classifier, loaded by DJL's Criteria through the docs' example, gives the probabilities
 * our own forward gives on the same image.
 */
class ModelExportTest {

    private static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    private static final double[] STD = {0.2023, 0.1994, 0.2010};

    @Test
    void criteriaLoadsTheExportAndAgreesWithOurForward(@TempDir Path dir) throws Exception {
        RunConfig.ModelConfig config = new RunConfig.ModelConfig();
        config.arch = "resnet20";
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add("class " + c);
        }
        Path image = dir.resolve("image.png");
        BufferedImage picture = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(5);
        float[] chw = new float[3 * 32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = random.nextInt(1 << 24);
                picture.setRGB(x, y, rgb);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xff;
                    chw[c * 1024 + y * 32 + x] = (float) ((v / 255.0 - MEAN[c]) / STD[c]);
                }
            }
        }
        ImageIO.write(picture, "png", image.toFile());

        Path exported = dir.resolve("exported");
        float[] ours;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            ImageClassifier model = Models.create(config, 10, 3, 32, 32, manager);
            // Move the BatchNorm statistics away from 0 and 1 so that the export must carry them.
            ParameterStore ps = new ParameterStore(manager, false);
            model.forward(ps, new NDList(manager.randomNormal(new Shape(8, 3, 32, 32)).mul(2).add(1)), true);
            ModelExport.write(model, config, names, 32, 32, MEAN, STD, exported);
            // the parameter file is the classifier's own, as exports made before ExportedClassifier wrote it
            Path plain = dir.resolve("plain");
            try (ai.djl.Model djl = ai.djl.Model.newInstance("exported")) {
                djl.setBlock(model);
                djl.save(plain, "exported");
            }
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(plain.resolve("exported-0000.params")),
                    Files.readAllBytes(exported.resolve("exported-0000.params"))), "the same parameter file");
            NDArray input = manager.create(chw, new Shape(1, 3, 32, 32));
            ours = model.forward(ps, new NDList(input), false).singletonOrThrow().softmax(1).toFloatArray();
        }
        assertTrue(Files.isRegularFile(exported.resolve("exported-0000.params")));
        assertFalse(Files.exists(dir.resolve("exported.partial")));

        Classifications result = ExportExample.classify(exported, image);
        for (int c = 0; c < 10; c++) {
            assertEquals(ours[c], result.get("class " + c).getProbability(), 1e-4, "class " + c);
        }

        BadInputException again = assertThrows(BadInputException.class,
                () -> ModelExport.write(null, config, names, 32, 32, MEAN, STD, exported));
        assertTrue(again.getMessage().contains("already exists"));
    }

    @Test
    void docsShowTheExampleTheTestRuns() throws Exception {
        String docs = Files.readString(Path.of("docs/export.md"), StandardCharsets.UTF_8);
        String example = Files.readString(Path.of("src/test/java/org/longtail4j/export/ExportExample.java"));
        String body = example.substring(example.indexOf("    public static Classifications classify"),
                example.lastIndexOf("    }") + 5);
        assertTrue(docs.contains(body), "docs/export.md must quote ExportExample.classify verbatim");
    }
}
