package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Json;
import org.longtail4j.reports.SweepPlot;

/**
 * {@code longtail sweep} end to end on a tiny Fashion-MNIST stand-in (10 classes, at most 20 training
 * images per class at imbalance ratio 10, 5 test images per class), ResNet-20, one epoch per stage:
 * stage 1 once, stage 2 per value, the table, sweep.json and sweep.png; then the same sweep again
 * (read back, nothing retrained) and a second sweep of a non-numeric key from the first one's stage 1.
 */
class SweepCommandTest {

    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(\\s+<- best \\(.*\\))?$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void sweepsStageTwoFromOneStageOneRunAndReportsTablePlotAndJson() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = writeConfig(dir.resolve("tiny.yaml"));
        Path out = dir.resolve("sweep");

        TinyFashionMnist.Run run = TinyFashionMnist.execute("sweep", "--config", config.toString(), "--data",
                data.toString(), "--set-values", "stages.stage2.transform.p=0,0.5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out());

        // sweep.json: value -> that run's results.json
        Map<String, Object> sweep = readJson(out.resolve("sweep.json"));
        assertEquals("stages.stage2.transform.p", sweep.get("key"));
        assertEquals(List.of("0", "0.5"), sweep.get("values"));
        Path stage1 = out.resolve("stage1").toAbsolutePath();
        assertEquals(stage1.toString(), sweep.get("stage1_run"));
        assertEquals("stage1", map(sweep.get("stage1")).get("stage"));
        Map<String, Object> results = map(sweep.get("results"));
        assertEquals(List.of("0", "0.5"), new ArrayList<>(results.keySet()));
        assertEquals("dr (H2T (p 0.0), shift BN)", map(results.get("0")).get("method"));
        assertEquals("dr (H2T (p 0.5), shift BN)", map(results.get("0.5")).get("method"));
        Map<String, Object> runs = map(sweep.get("runs"));
        for (String value : List.of("0", "0.5")) {
            Map<String, Object> r = map(results.get(value));
            assertEquals("stage2", r.get("stage"));
            assertEquals(1, r.get("epoch"));
            for (String field : List.of("top1", "top5", "many", "medium", "few", "ece", "per_class", "split", "best")) {
                assertTrue(r.containsKey(field), value + " lacks " + field);
            }
            assertEquals(10, ((List<?>) r.get("per_class")).size());
            Path runDir = Path.of((String) runs.get(value));
            assertEquals(out.resolve("p-" + value).toAbsolutePath(), runDir);
            assertEquals(readJson(runDir.resolve("results.json")), r, "sweep.json holds the run's results.json");
            assertEquals(stage1.resolve("stage1/checkpoints/last").toString(),
                    Files.readString(runDir.resolve("start_checkpoint.txt")).trim(),
                    "every value starts from the one stage-1 run");
            assertFalse(Files.exists(runDir.resolve("stage1")), "no stage 1 trained in a value's run");
        }
        assertEquals(1, lines(stage1.resolve("stage1").resolve("metrics.jsonl")), "stage 1 trained once, one epoch");

        // The table: one row per value, many / medium / few / all as in sweep.json.
        String table = Files.readString(out.resolve("sweep.txt"));
        assertTrue(run.out().startsWith(table), "printed table is sweep.txt:\n" + run.out());
        assertTrue(table.lines().anyMatch(l -> l.matches("stages\\.stage2\\.transform\\.p\\s+many\\s+medium\\s+few\\s+all")), table);
        List<String[]> rows = rows(table);
        assertEquals(2, rows.size(), table);
        for (String[] row : rows) {
            Map<String, Object> r = map(results.get(row[0]));
            assertEquals(percent(r.get("many")), row[1], "many of " + row[0]);
            assertEquals(percent(r.get("medium")), row[2], "medium of " + row[0]);
            assertEquals(percent(r.get("few")), row[3], "few of " + row[0]);
            assertEquals(percent(r.get("top1")), row[4], "all of " + row[0]);
        }
        assertEquals("0", rows.get(0)[0]);
        assertEquals("0.5", rows.get(1)[0]);
        assertTrue(table.contains("stage 1 (start of every run)"), table);
        // No validation split: the best value is chosen on the test set, and every output says so.
        assertTrue(table.contains(", chosen on test all top-1 (no validation split)"), table);
        assertEquals("test all top-1 (no validation split)", sweep.get("best_chosen_on"));
        assertTrue(Files.readString(out.resolve("sweep.html")).contains("the value is chosen on the test set"));

        assertPlot(out.resolve("sweep.png"));
        // The page: our figure and, for the fusion ratio, the paper's curve beside it; every run has its report.
        String page = Files.readString(out.resolve("sweep.html"));
        assertTrue(page.contains("The paper's curve (CIFAR-100-LT, not our data)") && page.contains("47.73"), page);
        assertEquals(2, page.split("<img src=\"data:image/png;base64,", -1).length - 1, "two embedded figures");
        for (String value : List.of("0", "0.5")) {
            assertTrue(Files.readString(out.resolve("p-" + value).resolve("report.html")).contains("Run report"),
                    "every finished run writes its report.html");
        }

        // The same command again reads the finished runs back: nothing retrains, same figures.
        TinyFashionMnist.Run again = TinyFashionMnist.execute("sweep", "--config", config.toString(), "--data",
                data.toString(), "--set-values", "stages.stage2.transform.p=0,0.5", "--out", out.toString());
        assertEquals(0, again.exitCode(), again.out());
        assertEquals(results, map(readJson(out.resolve("sweep.json")).get("results")));
        assertEquals(1, lines(out.resolve("p-0").resolve("stage2").resolve("metrics.jsonl")), "not retrained");
        assertEquals(1, lines(stage1.resolve("stage1").resolve("metrics.jsonl")), "stage 1 not retrained");

        // Any key, from the given stage-1 run: categories on the plot, no new stage 1.
        Path bnOut = dir.resolve("bn");
        TinyFashionMnist.Run bn = TinyFashionMnist.execute("sweep", "--config", config.toString(), "--data",
                data.toString(), "--stage1-run", stage1.toString(), "--set-values", "stages.stage2.edits.freeze-backbone.bn=shift,frozen",
                "--out", bnOut.toString());
        assertEquals(0, bn.exitCode(), bn.out());
        assertFalse(Files.exists(bnOut.resolve("stage1")));
        assertFalse(Files.readString(bnOut.resolve("sweep.html")).contains("The paper's curve"),
                "the paper's curve is only for the fusion ratio");
        assertEquals(List.of("shift", "frozen"), rows(bn.out()).stream().map(r -> r[0]).toList());
        Map<String, Object> bnResults = map(readJson(bnOut.resolve("sweep.json")).get("results"));
        assertEquals("dr (H2T (p 0.25), shift BN)", map(bnResults.get("shift")).get("method"));
        assertEquals("dr (H2T (p 0.25), frozen BN)", map(bnResults.get("frozen")).get("method"));
        assertEquals(stage1.resolve("stage1/checkpoints/last").toString(),
                Files.readString(bnOut.resolve("bn-frozen").resolve("start_checkpoint.txt")).trim());
        assertPlot(bnOut.resolve("sweep.png"));
    }

    @Test
    void badValuesFailBeforeAnythingTrains() throws IOException {
        Path config = writeConfig(dir.resolve("tiny.yaml"));
        Path out = dir.resolve("never");
        TinyFashionMnist.Run run = TinyFashionMnist.execute("sweep", "--config", config.toString(), "--data",
                dir.resolve("no-data").toString(), "--set-values", "stages.stage2.transform.p=0,1.5", "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(2, TinyFashionMnist.execute("sweep", "--config", config.toString(), "--set-values",
                "stages.stage2.transform.p=0:1:0", "--out", out.toString()).exitCode());
        assertEquals(2, TinyFashionMnist.execute("sweep", "--set-values", "stages.stage2.transform.p=0,1", "--out",
                out.toString()).exitCode(), "--config is needed");
        assertFalse(Files.exists(out));
    }

    private static void assertPlot(Path png) throws IOException {
        assertTrue(Files.size(png) > 5_000, "a real picture, not an empty file");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "sweep.png decodes as an image");
        assertEquals(SweepPlot.WIDTH, image.getWidth());
        assertEquals(SweepPlot.HEIGHT, image.getHeight());
        // Not blank: the lines and text leave many non-white pixels.
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 384) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 500, dark + " dark pixels");
    }

    /** Table rows whose last four cells are figures (a number or "-"). */
    private static List<String[]> rows(String table) {
        List<String[]> rows = new ArrayList<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            String[] cells = {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)};
            boolean figures = true;
            for (int i = 1; i < 5; i++) {
                figures &= cells[i].matches("\\d+\\.\\d\\d|-");
            }
            if (figures) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String percent(Object value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
    }

    private static Path writeConfig(Path file) throws IOException {
        Files.writeString(file, String.join("\n",
                "name: tiny",
                "data:",
                "  dataset: fashion-mnist",
                "  imbalance_ratio: 10",
                "  max_per_class: 20",
                "  groups:",
                "    rule: thirds",
                "  augment:",
                "    pad: 2",
                "model:",
                "  arch: resnet20",
                "stages:",
                "  stage1:",
                "    method: ce",
                "    epochs: 1",
                "    batch_size: 64",
                "    lr: 0.05",
                "    schedule:",
                "      type: constant",
                "  stage2:",
                "    method: dr",
                "    epochs: 1",
                "    batch_size: 64",
                "    lr: 0.02",
                "    schedule:",
                "      type: constant",
                "    transform: {type: h2t, p: 0.25}",
                "eval:",
                "  batch_size: 100",
                "runtime:",
                "  prefetch: 0",
                ""));
        return file;
    }

    private static long lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
