package org.longtail4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.longtail4j.testing.RandomCifarPicture.MEAN;
import static org.longtail4j.testing.RandomCifarPicture.STD;

import ai.djl.engine.Engine;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;
import org.longtail4j.models.ImageClassifier;
import org.longtail4j.models.Models;
import org.longtail4j.testing.RandomCifarPicture;

/**
 * An exported classifier, loaded by DJL's Criteria through the docs' example, gives the probabilities
 * our own forward gives on the same image.
 */
class ModelExportTest {

    @Test
    void criteriaLoadsTheExportAndAgreesWithOurForward(@TempDir Path dir) throws Exception {
        RunConfig.ModelConfig config = new RunConfig.ModelConfig();
        config.arch = "resnet20";
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add("class " + c);
        }
        RandomCifarPicture picture = RandomCifarPicture.write(dir.resolve("image.png"), 5);

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
            NDArray input = manager.create(picture.normalised(), new Shape(1, 3, 32, 32));
            ours = model.forward(ps, new NDList(input), false).singletonOrThrow().softmax(1).toFloatArray();
        }
        assertTrue(Files.isRegularFile(exported.resolve("exported-0000.params")));
        assertFalse(Files.exists(dir.resolve("exported.partial")));

        Classifications result = ExportExample.classify(exported, picture.png());
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
