package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.data.ImageDataset;
import org.longtail4j.data.formats.FashionMnistReader;
import org.longtail4j.reports.Json;

/**
 * {@code longtail predict} on tiny trained runs (smoke runs): an image-folder run (class names = the
 * folders) and a Fashion-MNIST run with post-hoc logit adjustment. The check that ties predict to the
 * rest of the toolkit: predicting every test image and counting top-1 hits gives exactly {@code eval}'s
 * top-1 on the same checkpoint, so predict uses the same model, stage prediction and test transform.
 */
class PredictCommandTest {

    @TempDir
    static Path dir;
    private static Path folderRun;
    private static Path fashionRun;
    private static Path fashionImages;

    @BeforeAll
    static void trainRuns() throws IOException {
        Path folder = TinyImageData.imageFolder(dir.resolve("folder"));
        folderRun = dir.resolve("folder-run");
        TinyFashionMnist.Run run = TinyFashionMnist.execute("train", "--config", "configs/image-folder/resnet50-dr-h2t.yaml",
                "--smoke", "--data", folder.toString(), "--out", folderRun.toString(), "--set", "model.arch=tv-resnet10",
                "--set", "model.pretrained=null", "--set", "data.image_size=48", "--set", "data.resize_size=48",
                "--set", "stages.stage1.batch_size=8", "--set", "stages.stage2.batch_size=8");
        assertEquals(0, run.exitCode(), run.out());

        Path fashion = TinyFashionMnist.write(dir.resolve("fashion"), 100, 3);
        fashionRun = dir.resolve("fashion-run");
        run = TinyFashionMnist.execute("train", "--config", "configs/fashion-mnist-lt/la-posthoc.yaml", "--smoke",
                "--data", fashion.toString(), "--out", fashionRun.toString(), "--set", "runtime.prefetch=0");
        assertEquals(0, run.exitCode(), run.out());
        // the test images as 28 x 28 grayscale PNG files, named by their label
        ImageDataset test = FashionMnistReader.read(fashion, false);
        fashionImages = dir.resolve("fashion-png");
        Files.createDirectories(fashionImages);
        for (int i = 0; i < test.size(); i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = test.pixel(i, y * 28 + x);
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
            ImageIO.write(image, "png", fashionImages.resolve(i + "-label" + test.label(i) + ".png").toFile());
        }
    }

    @Test
    void imageFolderRunNamesTheFoldersAndAgreesWithEval() throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--run", folderRun.toString(), "--top", "3", "--json"));
        List<Integer> labels = new ArrayList<>();
        String[] classes = {"ant", "bee", "cat"};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 2; i++) {
                args.add(dir.resolve("folder/val").resolve(classes[c]).resolve(i + ".jpeg").toString());
                labels.add(c);
            }
        }
        JsonNode result = predict(args);
        assertEquals("stage2", result.path("stage").asText());
        assertTopOrdered(result, 3);
        for (JsonNode image : result.path("images")) {
            for (JsonNode r : image.path("top")) {
                assertEquals(classes[r.path("label").asInt()], r.path("class_name").asText(), "names are the folders");
            }
        }
        assertEquals(evalTop1(folderRun), accuracy(result, labels), 1e-9, "predict's top-1 hits against eval's top-1");

        TinyFashionMnist.Run text = TinyFashionMnist.execute("predict", "--run", folderRun.toString(), "--top", "2",
                dir.resolve("folder/val/bee/0.jpeg").toString());
        assertEquals(0, text.exitCode(), text.out());
        assertTrue(text.out().contains("1. ") && text.out().contains("2. ") && !text.out().contains("3. "), text.out());
    }

    /**
     * The exported folder, loaded by DJL's Criteria through docs/export.md's example, gives predict's
     * probabilities. The image is of the training size (48 x 48, Resize 48): both preprocessing paths leave
     * it as it is, so the networks alone are compared (other sizes: DJL's resize is not PIL's).
     */
    @Test
    void exportAgreesWithPredict() throws Exception {
        Path image = TinyImageData.image(dir.resolve("square.png"), 11, "png");
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.image.BufferedImage small = ImageIO.read(image.toFile());
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                big.setRGB(x, y, small.getRGB(x % 32, y % 32) ^ (x * 5 + y * 3));
            }
        }
        ImageIO.write(big, "png", image.toFile());
        Path exported = dir.resolve("exported");
        TinyFashionMnist.Run export = TinyFashionMnist.execute("export", "--run", folderRun.toString(), "--out",
                exported.toString());
        assertEquals(0, export.exitCode(), export.out());
        JsonNode predicted = predict(List.of("predict", "--run", folderRun.toString(), "--top", "3", "--json",
                image.toString())).path("images").get(0).path("top");
        ai.djl.modality.Classifications djl = org.longtail4j.export.ExportExample.classify(exported, image);
        for (JsonNode r : predicted) {
            assertEquals(r.path("probability").asDouble(), djl.get(r.path("class_name").asText()).getProbability(),
                    1e-4, r.toString());
        }
    }

    @Test
    void fashionMnistRunUsesItsStagePredictionAndAgreesWithEval() throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--run", fashionRun.toString(), "--top", "10", "--json"));
        List<Integer> labels = new ArrayList<>();
        try (var files = Files.list(fashionImages)) {
            for (Path f : files.sorted().toList()) {
                args.add(f.toString());
                String name = f.getFileName().toString();
                labels.add(Integer.parseInt(name.substring(name.indexOf("label") + 5, name.indexOf(".png"))));
            }
        }
        JsonNode result = predict(args);
        assertTrue(result.path("prediction").asText().contains("logit"), result.path("prediction").asText());
        assertTopOrdered(result, 10);
        for (JsonNode image : result.path("images")) {
            double sum = 0;
            for (JsonNode r : image.path("top")) {
                sum += r.path("probability").asDouble();
                assertEquals(FashionMnistReader.CLASS_NAMES.get(r.path("label").asInt()), r.path("class_name").asText());
            }
            assertEquals(1.0, sum, 1e-4, "all 10 classes listed: probabilities sum to 1");
        }
        assertEquals(evalTop1(fashionRun), accuracy(result, labels), 1e-9, "predict's top-1 hits against eval's top-1");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image");
        Path colour = TinyImageData.image(dir.resolve("colour.png"), 3, "png");
        Path emptyRun = Files.createDirectories(dir.resolve("empty-run"));
        Files.copy(fashionRun.resolve("config.yaml"), emptyRun.resolve("config.yaml"));
        String[][] cases = {
            {"predict", "--run", fashionRun.toString(), dir.resolve("missing.png").toString()},
            {"predict", "--run", fashionRun.toString(), notAnImage.toString()},
            {"predict", "--run", folderRun.toString(), notAnImage.toString()},
            {"predict", "--run", fashionRun.toString(), colour.toString()}, // 32 x 32 for a 28 x 28 run
            {"predict", "--run", emptyRun.toString(), colour.toString()},
            {"predict", "--run", dir.resolve("no-run").toString(), colour.toString()},
            {"predict", "--run", fashionRun.toString(), "--top", "0", colour.toString()},
            // post-hoc logit adjustment: an export (the network alone) cannot carry it
            {"export", "--run", fashionRun.toString(), "--out", dir.resolve("fashion-export").toString()},
        };
        for (String[] args : cases) {
            TinyFashionMnist.Run run = TinyFashionMnist.execute(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ":\n" + run.out());
        }
    }

    private static JsonNode predict(List<String> args) throws IOException {
        TinyFashionMnist.Run run = TinyFashionMnist.execute(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out());
        return Json.mapper().readTree(run.out());
    }

    private static void assertTopOrdered(JsonNode result, int k) {
        assertFalse(result.path("images").isEmpty());
        for (JsonNode image : result.path("images")) {
            assertEquals(k, image.path("top").size(), image.toString());
            double previous = 2;
            for (JsonNode r : image.path("top")) {
                double p = r.path("probability").asDouble();
                assertTrue(p >= 0 && p <= previous, "probabilities in [0, 1], most probable first: " + image);
                previous = p;
            }
        }
    }

    private static double accuracy(JsonNode result, List<Integer> labels) {
        int hits = 0;
        int i = 0;
        for (JsonNode image : result.path("images")) {
            if (image.path("top").get(0).path("label").asInt() == labels.get(i++)) {
                hits++;
            }
        }
        return 100.0 * hits / labels.size();
    }

    private static double evalTop1(Path run) throws IOException {
        TinyFashionMnist.Run eval = TinyFashionMnist.execute("eval", "--run", run.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.out());
        return Json.mapper().readTree(eval.out()).path("top1").asDouble();
    }
}
