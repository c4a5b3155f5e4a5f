package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.evaluation.ChosenOn;
import org.longtail4j.evaluation.EvaluationResult;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.RunFolder;
import org.longtail4j.reports.RunReportPage;
import org.longtail4j.testing.MklShim;
import org.longtail4j.training.RecipeRunner;
import org.longtail4j.training.RunEvaluation;
import org.longtail4j.training.TrainingObserver;

/**
 * A run with a validation split end to end (data.validation_per_class), on the tiny Fashion-MNIST
 * stand-in (30 training images per class, labels cycling 0..9, so image i has label i % 10; 4 test
 * images per class): the held-out images and their file, the validation figures computed on exactly
 * them, the best epoch chosen on them and said so, resume and --stage1-run guarding the split, a sweep
 * choosing its best value on validation, and the default run naming the test set.
 */
class ValidationRunTest {

    private static final int N = 12; // class 0 keeps 20 of its 30: 10 unused, so 2 come from its kept images

    @TempDir
    Path dir;

    private static String config(int validationPerClass, int stage1Epochs) {
        return String.join("\n",
                "name: tiny-valid",
                "data:",
                "  dataset: fashion-mnist",
                "  imbalance_ratio: 10",
                "  max_per_class: 20",
                "  validation_per_class: " + validationPerClass,
                "  groups: {rule: thirds}",
                "  augment: {pad: 2}",
                "model: {arch: resnet20}",
                "stages:",
                "  stage1: {method: ce, epochs: " + stage1Epochs + ", batch_size: 32, lr: 0.05, schedule: {type: constant}}",
                "  stage2: {method: dr, epochs: 1, batch_size: 32, lr: 0.02, schedule: {type: constant},"
                        + " transform: {type: h2t, p: 0.25}}",
                "eval: {batch_size: 100}",
                "runtime: {prefetch: 0}",
                "tuned:",
                "  stages.stage2.transform.p: \"the paper's value, not tuned here\"",
                "");
    }

    @Test
    void bestEpochsAndSweepValuesAreChosenOnTheHeldOutImages() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 30, 4);
        Path config = Files.writeString(dir.resolve("valid.yaml"), config(N, 3));
        Path run = dir.resolve("run");
        TinyFashionMnist.Run train = TinyFashionMnist.execute("train", "--config", config.toString(), "--data",
                data.toString(), "--out", run.toString());
        assertEquals(0, train.exitCode(), train.out());
        assertTrue(train.out().contains("best epochs chosen on: validation (12 per class held out from training)"),
                train.out());

        // The held-out images: N per class, from the training file, none of them trained on.
        List<Integer> validation = indices(run.resolve("validation_indices.txt"));
        List<Integer> training = indices(run.resolve("train_indices.txt"));
        assertEquals(10 * N, validation.size());
        int[] perClass = new int[10];
        validation.forEach(i -> perClass[i % 10]++);
        for (int c = 0; c < 10; c++) {
            assertEquals(N, perClass[c], "class " + c);
        }
        Set<Integer> trained = new HashSet<>(training);
        assertTrue(validation.stream().noneMatch(trained::contains), "validation is disjoint from training");
        assertTrue(validation.stream().allMatch(i -> i >= 0 && i < 300), "indices into the training file");
        assertEquals(18, training.stream().filter(i -> i % 10 == 0).count(), "class 0 gave 2 kept images");
        JsonNode split = Json.mapper().readTree(run.resolve("split.json").toFile());
        assertEquals(10 * N, split.path("validation_size").asInt());
        assertEquals(N, split.path("validation_per_class").asInt());
        assertTrue(split.path("description").asText().contains("validation: 12 images per class"), split.toString());

        // Stage 1: every epoch evaluated on both sets; the best epoch is the first with the highest validation top-1.
        String chosen = "validation (12 per class held out from training)";
        JsonNode stage1 = Json.mapper().readTree(run.resolve("stage1/results.json").toFile());
        assertEquals(chosen, stage1.path("best_chosen_on").asText());
        // Which engine and matrix kernels made these figures (docs/performance.md section 10): the tests'
        // JVM has scripts/mkl-intel-cpu.c preloaded only when LD_PRELOAD names it.
        JsonNode engine = stage1.path("engine");
        assertEquals("PyTorch 2.7.1", engine.path("engine").asText(), stage1.toString());
        assertEquals(MklShim.preloadedHere(), engine.path("mkl_intel_cpu_shim").asBoolean());
        assertTrue(engine.path("threads").asInt() >= 1 && engine.path("amd_avx512").isBoolean(), engine.toString());
        List<JsonNode> epochs = Files.readAllLines(run.resolve("stage1/metrics.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(ValidationRunTest::tree).toList();
        assertEquals(3, epochs.size());
        int best = 0;
        for (int e = 0; e < epochs.size(); e++) {
            assertTrue(epochs.get(e).path("validation").path("top1").isNumber(), epochs.get(e).toString());
            assertTrue(epochs.get(e).path("test").path("top1").isNumber(), epochs.get(e).toString());
            if (epochs.get(e).path("validation").path("top1").asDouble()
                    > epochs.get(best).path("validation").path("top1").asDouble()) {
                best = e;
            }
        }
        assertEquals(best + 1, stage1.path("best").path("epoch").asInt(), "best epoch by validation top-1");
        assertEquals(epochs.get(best).path("validation").path("top1").asDouble(),
                stage1.path("best").path("validation").path("top1").asDouble(), 1e-9);
        assertEquals(epochs.get(best).path("test").path("top1").asDouble(), stage1.path("best").path("top1").asDouble(),
                1e-9, "the best epoch's test figures are reported beside its validation ones");
        assertEquals(epochs.get(2).path("validation").path("top1").asDouble(),
                stage1.path("validation").path("top1").asDouble(), 1e-9);
        JsonNode results = Json.mapper().readTree(run.resolve("results.json").toFile());
        assertEquals(chosen, results.path("best_chosen_on").asText());

        // The validation figures are those of exactly the held-out images: re-evaluated independently of
        // the run, each class's row of the confusion holds N images, and top-1 is the one recorded.
        RunEvaluation.Result again = RunEvaluation.evaluate(run, "stage2", false);
        EvaluationResult v = again.validation();
        assertNotNull(v);
        int[][] confusion = v.confusion();
        for (int c = 0; c < 10; c++) {
            int row = 0;
            for (int count : confusion[c]) {
                row += count;
            }
            assertEquals(N, row, "validation images of class " + c);
        }
        JsonNode stage2 = Json.mapper().readTree(run.resolve("stage2/results.json").toFile());
        assertEquals(stage2.path("validation").path("top1").asDouble(), v.top1(), 1e-9);
        assertEquals(stage2.path("top1").asDouble(), again.evaluation().top1(), 1e-9);
        int testImages = 0;
        for (int[] row : again.evaluation().confusion()) {
            for (int count : row) {
                testImages += count;
            }
        }
        assertEquals(40, testImages, "the test set is the test file's, apart from validation");

        // The report says which set chose the best epochs and shows the tuned record.
        String page = Files.readString(run.resolve("report.html"));
        assertTrue(page.contains("Best epoch chosen on: stage1: " + chosen + "; stage2: " + chosen), page);
        assertTrue(page.contains("stage1 (validation split)"), "validation rows in the results table");
        assertTrue(page.contains("stages.stage2.transform.p") && page.contains("not tuned here"), "tuned record");
        assertTrue(page.contains(10 * N + " validation images held out"), "split section");

        // Resume draws the split again and must find the same validation images.
        Path file = run.resolve("validation_indices.txt");
        String saved = Files.readString(file);
        Files.writeString(file, saved.substring(saved.indexOf('\n') + 1));
        BadInputException changed = assertThrows(BadInputException.class,
                () -> RecipeRunner.resume(run, new TrainingObserver() {}));
        assertTrue(changed.getMessage().contains("validation_indices.txt does not match"), changed.getMessage());
        Files.writeString(file, saved);

        // --stage1-run: another validation setting is refused before anything is written.
        Path other = dir.resolve("other");
        Path noValidation = Files.writeString(dir.resolve("none.yaml"), config(0, 1));
        assertEquals(2, TinyFashionMnist.execute("train", "--config", noValidation.toString(), "--data",
                data.toString(), "--stage1-run", run.toString(), "--out", other.toString()).exitCode());
        assertFalse(Files.exists(other.resolve("config.yaml")), "nothing started");
        BadInputException refused = assertThrows(BadInputException.class, () -> RecipeRunner.requireSameValidationSetting(
                org.longtail4j.config.ConfigLoader.load(noValidation, List.of()), run));
        assertTrue(refused.getMessage().contains("data.validation_per_class 12, this config has 0"), refused.getMessage());

        // A sweep from this stage 1 chooses its best value on validation and says so everywhere.
        Path sweep = dir.resolve("sweep");
        TinyFashionMnist.Run swept = TinyFashionMnist.execute("sweep", "--config", config.toString(), "--data",
                data.toString(), "--stage1-run", run.toString(), "--set-values", "stages.stage2.transform.p=0,0.5",
                "--out", sweep.toString());
        assertEquals(0, swept.exitCode(), swept.out());
        JsonNode sweepJson = Json.mapper().readTree(sweep.resolve("sweep.json").toFile());
        assertEquals(ChosenOn.sweepValue(true), sweepJson.path("best_chosen_on").asText());
        double v0 = sweepJson.path("results").path("0").path("validation").path("top1").asDouble();
        double v5 = sweepJson.path("results").path("0.5").path("validation").path("top1").asDouble();
        assertEquals(v5 > v0 ? "0.5" : "0", sweepJson.path("best_value").asText());
        String table = Files.readString(sweep.resolve("sweep.txt"));
        assertTrue(table.contains("val. all"), table);
        assertTrue(table.contains("best value: " + (v5 > v0 ? "0.5" : "0") + ", chosen on validation all top-1"), table);
        String sweepPage = Files.readString(sweep.resolve("sweep.html"));
        assertTrue(sweepPage.contains("chosen on validation all top-1"), sweepPage);
        assertTrue(sweepPage.contains("not tuned here"), "the sweep page shows the tuned record");

        // compare names the set that chose each run's best epoch, and the tuned record, in text and page.
        Path comparePage = dir.resolve("compare.html");
        TinyFashionMnist.Run compared = TinyFashionMnist.execute("compare", sweep.resolve("p-0").toString(),
                sweep.resolve("p-0.5").toString(), "--html", comparePage.toString());
        assertEquals(0, compared.exitCode(), compared.out());
        assertTrue(compared.out().contains(": best epoch chosen on " + chosen + "; tuned: stages.stage2.transform.p: "),
                compared.out());
        String html = Files.readString(comparePage);
        assertTrue(html.contains("best epoch chosen on") && html.contains(chosen) && html.contains("not tuned here"),
                "compare page");
    }

    @Test
    void withoutValidationTheTestSetChoosesAndIsNamedAndOlderRunsStillReport() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 4);
        Path config = Files.writeString(dir.resolve("none.yaml"), config(0, 1));
        Path run = dir.resolve("run");
        TinyFashionMnist.Run train = TinyFashionMnist.execute("train", "--config", config.toString(), "--data",
                data.toString(), "--out", run.toString());
        assertEquals(0, train.exitCode(), train.out());
        assertFalse(Files.exists(run.resolve("validation_indices.txt")));
        JsonNode stage1 = Json.mapper().readTree(run.resolve("stage1/results.json").toFile());
        assertEquals("test set (no validation split: the references' behaviour)", stage1.path("best_chosen_on").asText());
        assertTrue(stage1.path("validation").isMissingNode(), stage1.toString());
        String line = Files.readAllLines(run.resolve("stage1/metrics.jsonl")).get(0);
        assertFalse(line.contains("validation"), "metrics lines as before validation splits: " + line);
        assertTrue(Files.readString(run.resolve("report.html")).contains(
                "Best epoch chosen on: stage1: test set (no validation split: the references' behaviour)"));

        // A results.json written before the field existed still reports, named as chosen on the test set.
        Path results = run.resolve("stage1/results.json");
        ObjectNode older = (ObjectNode) Json.mapper().readTree(results.toFile());
        older.remove("best_chosen_on");
        Files.writeString(results, older.toString());
        assertTrue(RunReportPage.html(RunFolder.read(run)).contains("stage1: " + ChosenOn.OLDER_RUN));

        // A tuned entry that names no setting is refused before anything is written.
        Path bad = dir.resolve("bad");
        assertEquals(2, TinyFashionMnist.execute("train", "--config", config.toString(), "--data", data.toString(),
                "--set", "tuned.stages.stage2.transform.pp=swept", "--out", bad.toString()).exitCode());
        assertFalse(Files.exists(bad.resolve("config.yaml")));
    }

    private static List<Integer> indices(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Integer::valueOf).toList();
    }

    private static JsonNode tree(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
