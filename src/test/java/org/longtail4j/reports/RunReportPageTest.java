package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.testing.RunFolderFixture;

class RunReportPageTest {

    @TempDir
    Path tmp;

    /** Every image is an embedded PNG that decodes, and nothing points outside the file. */
    static List<BufferedImage> embeddedImages(String html) throws Exception {
        assertFalse(html.contains("http://") || html.contains("https://"), "no network address in the page");
        assertFalse(html.contains("<script") || html.contains("<link"), "no script or linked style sheet");
        Matcher src = Pattern.compile("<img src=\"([^\"]*)\"").matcher(html);
        List<BufferedImage> images = new ArrayList<>();
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), src.group(1).substring(0, 30));
            byte[] png = Base64.getDecoder().decode(src.group(1).substring("data:image/png;base64,".length()));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, "a decodable PNG");
            images.add(image);
        }
        return images;
    }

    @Test
    void threeStagesWithFreeNamesInConfigOrder() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("warmup", "main", "retrain"),
                new double[] {30, 40, 45});
        Path page = RunReportPage.write(run);
        String html = Files.readString(page);
        int warmup = html.indexOf("<h2>Stage warmup");
        int main = html.indexOf("<h2>Stage main");
        int retrain = html.indexOf("<h2>Stage retrain");
        assertTrue(warmup > 0 && warmup < main && main < retrain, "stages in config order");
        // split counts, group bars, then per stage: loss/lr, test curves, per-class, confusion, reliability.
        assertEquals(2 + 3 * 5, embeddedImages(html).size());
        assertTrue(html.contains("Most confused pairs"));
        assertTrue(html.contains("reliability") || html.contains("Calibration"));
        assertTrue(html.contains("<td>45.00</td>"), "the last stage's top-1 in the summary table");
        assertTrue(html.contains("name: fixture"), "the resolved config is shown");
        assertTrue(html.contains("1003"), "peak resident memory from metrics.jsonl");
    }

    @Test
    void theRunsStageListOrdersTheStages() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("a", "b"), new double[] {30, 40});
        Files.writeString(run.resolve("results.json"), "{\"stages\": [\"b\", \"a\"]}");
        String html = RunReportPage.html(RunFolder.read(run));
        assertTrue(html.indexOf("<h2>Stage b") < html.indexOf("<h2>Stage a"));
    }

    @Test
    void anUnfinishedStageShowsItsCurvesOnly() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("stage1", "stage2"),
                new double[] {30, 40});
        Files.delete(run.resolve("stage2").resolve("results.json"));
        String html = RunReportPage.html(RunFolder.read(run));
        assertTrue(html.contains("Stage stage2 (unfinished)"));
        assertEquals(2 + 5 + 2, embeddedImages(html).size());
    }

    /** A post-hoc stage (0 epochs: tau-norm) writes results.json but no metrics.jsonl; it is still a stage. */
    @Test
    void aPostHocStageWithoutMetricsIsShown() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("stage1", "posthoc"),
                new double[] {30, 40});
        Path posthoc = run.resolve("posthoc");
        Files.delete(posthoc.resolve("metrics.jsonl"));
        Files.writeString(posthoc.resolve("results.json"),
                Files.readString(posthoc.resolve("results.json")).replaceFirst("\"epoch\"\\s*:\\s*\\d+", "\"epoch\": 0"));
        String html = RunReportPage.html(RunFolder.read(run));
        assertTrue(html.contains("<h2>Stage posthoc"), "the post-hoc stage has its section");
        assertTrue(html.contains("A post-hoc stage (0 epochs)"), "and says why it has no curves");
        assertTrue(html.contains("<td>40.00</td>"), "its top-1 in the summary table");
    }

    @Test
    void aFolderThatIsNotARunIsOneClearLine() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class, () -> RunReportPage.write(tmp.resolve("empty")));
        assertTrue(e.getMessage().contains("no config.yaml"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("empty").resolve("report.html")), "nothing half-written");
    }

    /** The hook at the end of a run never fails the run: it warns in one line and names the command to retry. */
    @Test
    void theEndOfRunHookWarnsInsteadOfFailing() throws Exception {
        Files.createDirectories(tmp.resolve("broken"));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream err = new java.io.PrintStream(captured, true, "UTF-8")) {
            System.setErr(err);
            RunReportPage.writeAfterRun(tmp.resolve("broken"));
        } finally {
            System.setErr(original);
        }
        String warning = captured.toString("UTF-8");
        assertTrue(warning.startsWith("warning: ") && warning.contains("longtail report " + tmp.resolve("broken")),
                warning);
        assertEquals(1, warning.lines().count(), warning);
    }

    /** With more than 20 classes the page lists the most confused pairs and draws no matrix. */
    @Test
    void aHundredClassesGetPairsNotAMatrix() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("stage1"), new double[] {40});
        int c = 100;
        long[] counts = new long[c];
        List<Double> perClass = new ArrayList<>();
        int[][] confusion = new int[c][c];
        for (int k = 0; k < c; k++) {
            counts[k] = Math.round(500 * Math.pow(0.01, k / 99.0));
            confusion[k][k] = 60;
            confusion[k][(k + 1) % c] = 40;
            perClass.add(60.0);
        }
        java.util.Map<String, Object> split = Json.mapper().readValue(run.resolve("split.json").toFile(),
                java.util.LinkedHashMap.class);
        split.put("class_counts", counts);
        split.remove("class_names");
        Json.write(run.resolve("split.json"), split);
        java.util.Map<String, Object> results = Json.mapper().readValue(run.resolve("stage1").resolve("results.json")
                .toFile(), java.util.LinkedHashMap.class);
        results.put("per_class", perClass);
        results.put("confusion", confusion);
        Json.write(run.resolve("stage1").resolve("results.json"), results);
        String html = RunReportPage.html(RunFolder.read(run));
        assertFalse(html.contains("confusion matrix heat map"), "no 100 x 100 matrix");
        assertTrue(html.contains("<td class=\"l\">class 0 ("), "pairs name the classes");
        assertTrue(html.contains("40 of 100"), "and count the mistakes");
        assertFalse(html.contains("<th>rank</th>"), "no class table for 100 classes");
        assertEquals(2 + 4, embeddedImages(html).size(), "split, group bars, curves x2, per-class, reliability");
    }

    @Test
    void manyClassesListPairsInsteadOfTheMatrix() throws Exception {
        int c = 30;
        int[][] confusion = new int[c][c];
        for (int t = 0; t < c; t++) {
            confusion[t][t] = 8;
            confusion[t][(t + 1) % c] = t == 7 ? 2 : 0;
        }
        confusion[3][4] = 5;
        List<ConfusedPairs.Pair> top = ConfusedPairs.top(Json.mapper().valueToTree(confusion), 2);
        assertEquals(new ConfusedPairs.Pair(3, 4, 5, 13), top.get(0));
        assertEquals(new ConfusedPairs.Pair(7, 8, 2, 10), top.get(1));
    }
}
