package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Json;

/**
 * {@code longtail demo --quick} end to end on a tiny Fashion-MNIST stand-in (see {@link TinyFashionMnist}):
 * summary.json holds the three rows (stage1, dr, dr_h2t), each its run's results.json with the fields
 * a reader of the demo relies on, and the figures agree with each other.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void summaryJsonHoldsStageOneDrAndDrH2tResults() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path out = dir.resolve("demo");
        TinyFashionMnist.Run run = TinyFashionMnist.execute("demo", "--quick", "--data", data.toString(),
                "--out", out.toString(),
                "--set", "data.max_per_class=20", "--set", "data.imbalance_ratio=10",
                // one warm-up epoch (the demo's) needs at least two epochs
                "--set", "stages.stage1.epochs=1", "--set", "stages.stage1.schedule.warmup_epochs=0", "--set", "stages.stage2.epochs=1",
                "--set", "model.arch=resnet20",
                "--set", "runtime.prefetch=0");
        assertEquals(0, run.exitCode(), run.out());

        @SuppressWarnings("unchecked")
        Map<String, Object> summary = Json.mapper().readValue(out.resolve("summary.json").toFile(), Map.class);
        assertEquals(List.of("stage1", "dr", "dr_h2t"), new ArrayList<>(summary.keySet()));
        for (String row : summary.keySet()) {
            Map<String, Object> r = map(summary.get(row));
            for (String field : List.of("top1", "top5", "many", "medium", "few", "ece", "per_class", "split", "epoch")) {
                assertTrue(r.containsKey(field), row + " lacks " + field + ": " + r.keySet());
            }
            assertEquals(1, r.get("epoch"), row);
            List<?> perClass = (List<?>) r.get("per_class");
            assertEquals(10, perClass.size(), row);
            // The test set has 5 images of every class, so top-1 is the mean of the per-class accuracies,
            // and each group's figure is the mean over its classes.
            assertEquals(mean(perClass, all()), number(r.get("top1")), 1e-9, row + " top1");
            Map<String, Object> split = map(r.get("split"));
            assertTrue(split.get("rule").toString().startsWith("thirds"), row + " " + split.get("rule"));
            for (String group : List.of("many", "medium", "few")) {
                assertEquals(mean(perClass, (List<?>) split.get(group)), number(r.get(group)), 1e-9, row + " " + group);
            }
            double top5 = number(r.get("top5"));
            assertTrue(top5 >= number(r.get("top1")) && top5 <= 100, row + " top5 " + top5);
            double ece = number(r.get("ece"));
            assertTrue(ece >= 0 && ece <= 100, row + " ece " + ece);
            // Each row is its run folder's results.json, as written there.
            Path results = out.resolve(row).resolve("results.json");
            assertEquals(Json.mapper().readValue(results.toFile(), Map.class), r, row);
        }
        assertEquals("stage1", map(summary.get("stage1")).get("stage"));
        assertEquals("dr (shift BN)", map(summary.get("dr")).get("method"));
        assertEquals("dr (H2T (p 0.25), shift BN)", map(summary.get("dr_h2t")).get("method"));
        assertEquals(out.resolve("stage1").resolve("stage1").resolve("checkpoints").resolve("last").toAbsolutePath().toString(),
                Files.readString(out.resolve("dr_h2t").resolve("start_checkpoint.txt")).trim());

        String table = Files.readString(out.resolve("summary.txt"));
        assertTrue(run.out().startsWith(table), run.out());
        for (String name : List.of("stage 1 (CE + mixup)", "DR ", "DR + H2T (p 0.25)")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(name)), "row " + name + " in\n" + table);
        }
    }

    private static List<Integer> all() {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            labels.add(c);
        }
        return labels;
    }

    private static double mean(List<?> perClass, List<?> labels) {
        double sum = 0;
        for (Object label : labels) {
            sum += number(perClass.get(((Number) label).intValue()));
        }
        return sum / labels.size();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
