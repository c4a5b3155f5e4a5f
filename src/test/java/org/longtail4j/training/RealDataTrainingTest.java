package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.config.StageConfig;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.FashionMnistFixture;

/**
 * Training works on real data: `longtail train` on a small balanced subset of real Fashion-MNIST (100
 * images per class, ResNet-20, 3 epochs) learns well above chance, and the run folder holds what the
 * documentation promises, each file checked for its content.
 */
class RealDataTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path data;
    private static Path configFile;
    private static Path run;
    private static CliRun training;

    @BeforeAll
    static void trainOnce() throws IOException {
        // The first 3000 training images hold over 250 of every class; the first 1000 test images ~100 each.
        data = FashionMnistFixture.firstImages(dir.resolve("fashion-mnist"), 3000, 1000);
        configFile = dir.resolve("real.yaml");
        Files.writeString(configFile, """
                name: real-data
                seed: 1
                data:
                  dataset: fashion-mnist
                  imbalance_ratio: 1
                  max_per_class: 100
                  groups:
                    rule: thirds
                model:
                  arch: resnet20
                stages:
                  stage1:
                    method: ce
                    epochs: 3
                    batch_size: 64
                    lr: 0.1
                    weight_decay: 5.0e-4
                    schedule:
                      type: cosine
                      warmup_epochs: 0
                eval:
                  batch_size: 250
                runtime:
                  threads: 1
                """);
        run = dir.resolve("run");
        training = CliRun.of("train", "--config", configFile.toString(), "--data", data.toString(),
                "--out", run.toString());
    }

    private static JsonNode json(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return JSON.readTree(file.toFile());
    }

    @Test
    void trainingSucceedsAndLearnsWellAboveChance() throws IOException {
        assertEquals(0, training.exit(), training::toString);
        assertTrue(training.out().contains(run.toString()), "the command names the run folder:\n" + training);
        JsonNode results = json(run.resolve("results.json"));
        double top1 = results.get("top1").asDouble();
        // chance is 10 % on ten balanced classes
        assertTrue(top1 > 40, "test top-1 after 3 epochs on 1000 real images is only " + top1 + " %");
        assertTrue(results.get("top5").asDouble() >= top1);
        assertTrue(results.get("top5").asDouble() > 80, "top-5 " + results.get("top5"));
    }

    @Test
    void theSavedConfigLoadsBackAsWhatRan() throws IOException {
        RunConfig saved = ConfigLoader.loadResolved(run.resolve("config.yaml"));
        RunConfig given = ConfigLoader.load(configFile, List.of("data.root=" + data));
        // The saved copy spells out the parts the method composed (the file names only the method) ...
        StageConfig ran = saved.stages.get("stage1");
        assertEquals(Map.of("type", "instance", "drop_last", false), ran.sampler);
        assertEquals(Map.of("type", "ce", "weights", Map.of("type", "none")), ran.loss);
        assertEquals("none", ran.mixing);
        assertEquals(Map.of(), ran.edits);
        // ... and is otherwise the given config.
        StageConfig asGiven = given.stages.get("stage1");
        asGiven.sampler = ran.sampler;
        asGiven.mixing = ran.mixing;
        asGiven.transform = ran.transform;
        asGiven.loss = ran.loss;
        asGiven.edits = ran.edits;
        asGiven.prediction = ran.prediction;
        assertEquals(ConfigLoader.toYaml(given), ConfigLoader.toYaml(saved));
        assertEquals(data.toString(), saved.data.root, "--data is recorded in the saved config");
    }

    @Test
    void metricsHoldOneLinePerEpoch() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("stage1").resolve("metrics.jsonl"));
        assertEquals(3, lines.size(), "one line per epoch: " + lines);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals("stage1", line.get("stage").asText());
            assertEquals(i + 1, line.get("epoch").asInt(), "epochs are 1-indexed");
            double lr = 0.5 * 0.1 * (1 + Math.cos(Math.PI * i / 3));
            assertEquals(lr, line.get("lr").asDouble(), 1e-12, "cosine learning rate of epoch " + (i + 1));
            assertTrue(Double.isFinite(line.get("train_loss").asDouble()) && line.get("train_loss").asDouble() > 0);
            assertTrue(line.get("seconds").asDouble() > 0);
            assertTrue(line.get("images_per_second").asDouble() > 0);
            JsonNode test = line.get("test");
            assertNotNull(test, "evaluated every epoch (eval.every 1)");
            for (String key : List.of("top1", "top5", "many", "medium", "few", "ece")) {
                assertTrue(test.has(key) && test.get(key).isNumber(), () -> "metrics test." + key + ": " + line);
            }
        }
        double first = JSON.readTree(lines.get(0)).get("train_loss").asDouble();
        double last = JSON.readTree(lines.get(2)).get("train_loss").asDouble();
        assertTrue(last < first, "training loss did not fall: " + first + " -> " + last);
        assertEquals(JSON.readTree(lines.get(2)).get("test").get("top1").asDouble(),
                json(run.resolve("results.json")).get("top1").asDouble(), 1e-9, "last line = final result");
    }

    @Test
    void checkpointsLastAndBestExist() throws IOException {
        Path checkpoints = run.resolve("stage1").resolve("checkpoints");
        for (String which : List.of("last", "best")) {
            Path c = checkpoints.resolve(which);
            assertTrue(Files.size(c.resolve("model.params")) > 100_000, which + " model.params");
            assertTrue(Files.isRegularFile(c.resolve("optimizer.ndlist")), which + " optimizer.ndlist");
            assertTrue(Checkpoint.exists(c));
        }
        assertEquals(3, Checkpoint.progress(checkpoints.resolve("last")).epochsDone());
        Checkpoint.Progress best = Checkpoint.progress(checkpoints.resolve("best"));
        JsonNode results = json(run.resolve("results.json"));
        assertEquals(best.bestEpoch(), results.get("best").get("epoch").asInt());
        assertEquals(best.bestTop1(), results.get("best").get("top1").asDouble(), 1e-9);
        try (var leftovers = Files.list(checkpoints)) {
            assertEquals(Set.of("last", "best"), new HashSet<>(leftovers.map(p -> p.getFileName().toString()).toList()),
                    "no .new/.old folders left");
        }
    }

    @Test
    void resultsHoldTheFiguresTheSplitAndTheBestEpoch() throws IOException {
        JsonNode results = json(run.resolve("results.json"));
        com.fasterxml.jackson.databind.node.ObjectNode withoutStages = results.deepCopy();
        assertEquals("[\"stage1\"]", withoutStages.remove("stages").toString(), "the recipe's stages, in order");
        assertEquals(json(run.resolve("stage1").resolve("results.json")), withoutStages,
                "run results = last stage's, and the list of stages");
        for (String key : List.of("top1", "top5", "many", "medium", "few", "ece")) {
            assertTrue(results.get(key).isNumber(), () -> key + " in " + results);
            double v = results.get(key).asDouble();
            assertTrue(v >= 0 && v <= 100, key + " is a percentage: " + v);
        }
        assertEquals(3, results.get("epoch").asInt());
        assertEquals(1000, results.get("samples").asInt());

        JsonNode perClass = results.get("per_class");
        assertEquals(10, perClass.size());
        // the test subset's own labels, read from the file: top-1 is the per-class accuracies weighted by count
        int[] counts = testLabelCounts();
        double correct = 0;
        for (int c = 0; c < 10; c++) {
            correct += perClass.get(c).asDouble() / 100 * counts[c];
        }
        assertEquals(results.get("top1").asDouble(), 100 * correct / 1000, 1e-6);

        JsonNode split = results.get("split");
        assertEquals("thirds", split.get("rule").asText().split("[^a-z]")[0], "rule: " + split.get("rule"));
        List<Integer> all = new ArrayList<>();
        double[] groupMeans = new double[3];
        String[] groups = {"many", "medium", "few"};
        for (int g = 0; g < 3; g++) {
            JsonNode classes = split.get(groups[g]);
            assertTrue(classes.isArray() && classes.size() > 0, groups[g] + ": " + split);
            double sum = 0;
            for (JsonNode c : classes) {
                all.add(c.asInt());
                sum += perClass.get(c.asInt()).asDouble();
            }
            groupMeans[g] = sum / classes.size();
            assertEquals(groupMeans[g], results.get(groups[g]).asDouble(), 1e-6, groups[g] + " = mean of its classes");
        }
        all.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), all, "every class in exactly one group");

        JsonNode best = results.get("best");
        int bestEpoch = best.get("epoch").asInt();
        assertTrue(bestEpoch >= 1 && bestEpoch <= 3);
        List<String> lines = Files.readAllLines(run.resolve("stage1").resolve("metrics.jsonl"));
        double bestTop1 = -1;
        for (String line : lines) {
            bestTop1 = Math.max(bestTop1, JSON.readTree(line).get("test").get("top1").asDouble());
        }
        assertEquals(bestTop1, best.get("top1").asDouble(), 1e-9, "best = the highest top-1 of the epochs");
        assertEquals(bestTop1, JSON.readTree(lines.get(bestEpoch - 1)).get("test").get("top1").asDouble(), 1e-9);
    }

    @Test
    void splitFilesDescribeTheBalancedSubset() throws IOException {
        JsonNode split = json(run.resolve("split.json"));
        assertEquals(1000, split.get("train_size").asInt());
        assertEquals(1000, split.get("test_size").asInt());
        int[] counts = new int[10];
        for (int c = 0; c < 10; c++) {
            counts[c] = split.get("class_counts").get(c).asInt();
        }
        int[] hundred = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
        assertArrayEquals(hundred, counts);
        List<String> indices = Files.readAllLines(run.resolve("train_indices.txt"));
        assertEquals(1000, indices.stream().filter(s -> !s.isBlank()).count());
        assertTrue(indices.stream().filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).allMatch(i -> i >= 0 && i < 3000));
    }

    @Test
    void evalReproducesTheResultFromTheCheckpoint() throws IOException {
        CliRun eval = CliRun.of("eval", "--run", run.toString(), "--json");
        assertEquals(0, eval.exit(), eval::toString);
        JsonNode again = JSON.readTree(eval.out());
        JsonNode results = json(run.resolve("results.json"));
        assertEquals(results.get("top1").asDouble(), again.get("top1").asDouble(), 1e-9);
        assertEquals(results.get("per_class"), again.get("per_class"));
        assertEquals(results.get("ece").asDouble(), again.get("ece").asDouble(), 1e-9);
    }

    private static int[] testLabelCounts() throws IOException {
        byte[] labels = Files.readAllBytes(data.resolve("t10k-labels-idx1-ubyte"));
        int[] counts = new int[10];
        for (int i = 8; i < labels.length; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
