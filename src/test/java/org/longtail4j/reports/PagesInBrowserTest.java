package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.toy.ToyFigure;
import org.longtail4j.reports.toy.ToyPage;
import org.longtail4j.reports.toy.ToySummary;
import org.longtail4j.reports.toy.ToyTraining;
import org.longtail4j.testing.HeadlessChromium;
import org.longtail4j.testing.RunFolderFixture;

/**
 * The pages as a person sees them: the run report, the compare page, the toy's page, the sweep page and the
 * table page rendered in headless Chromium must show text and every image, log no console error or script
 * exception, and their screenshots must not be blank. Screenshots land in target/page-screenshots/ to look at.
 * A page with a broken image and a script error proves the check can fail.
 */
class PagesInBrowserTest {

    static final Path SHOTS = Path.of("target", "page-screenshots");

    static HeadlessChromium chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void assertLooksRight(HeadlessChromium.Rendering r, int images) {
        assertEquals(List.of(), r.errors(), "console errors or script exceptions");
        assertEquals(0, r.brokenImages(), "broken images");
        assertEquals(images, r.images(), "images on the page");
        assertTrue(r.textLength() > 200, "visible text: " + r.textLength() + " characters");
        assertTrue(r.inkFraction() > 0.02, "the screenshot is not blank: " + r.inkFraction());
    }

    @Test
    void runReport() throws Exception {
        Path run = RunFolderFixture.write(tmp.resolve("run"), "fixture", 0, List.of("stage1", "stage2"),
                new double[] {35, 42});
        Path page = RunReportPage.write(run);
        assertLooksRight(chromium.render(page, SHOTS.resolve("report.png")), 2 + 2 * 5);
    }

    @Test
    void comparePage() throws Exception {
        List<RunFolder> runs = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            runs.add(RunFolder.read(RunFolderFixture.write(tmp.resolve("a" + s), "base", s, List.of("stage1"),
                    new double[] {40 + s})));
            runs.add(RunFolder.read(RunFolderFixture.write(tmp.resolve("b" + s), "other", s, List.of("stage1"),
                    new double[] {42 + s})));
        }
        Path page = tmp.resolve("compare.html");
        Files2.writeAtomically(page, ComparePage.html(RunComparison.of(runs, null)));
        assertLooksRight(chromium.render(page, SHOTS.resolve("compare.png")), 2);
    }

    @Test
    void toyPage() throws Exception {
        ToyTraining.Settings settings = ToyTraining.Settings.defaults();
        ToyTraining.Result shown = ToyTraining.run(settings, 0);
        Path page = tmp.resolve("toy.html");
        Files2.writeAtomically(page, ToyPage.html(settings, shown, ToyFigure.png(shown), ToySummary.run(settings, 0, 3)));
        assertLooksRight(chromium.render(page, SHOTS.resolve("toy.png")), 1);
    }

    @Test
    void sweepPageWithThePapersCurve() throws Exception {
        List<SweepReport.Point> points = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            points.add(new SweepReport.Point(String.valueOf(i / 4.0), 70.0 - 3 * i, 50.0, 20.0 + 4 * i, 48.0 + i % 2));
        }
        Path page = tmp.resolve("sweep.html");
        Files2.writeAtomically(page, SweepPage.html("fusion ratio p (fixture)", "stages.stage2.transform.p", points, true,
                "fixture split", List.of()));
        assertLooksRight(chromium.render(page, SHOTS.resolve("sweep.png")), 2);
    }

    @Test
    void tablePageWithThePapersFigures() throws Exception {
        RunComparison.Stat s = new RunComparison.Stat(61.5, 1.2, 3);
        List<PaperTable.Row> rows = List.of(
                new PaperTable.Row("DR + H2T", "Fashion-MNIST-LT, IR 100", s, s, s, new RunComparison.Stat(74.8, 0.9, 3)),
                new PaperTable.Row("CE", "Fashion-MNIST-LT, IR 100", s, s, s, s),
                new PaperTable.Row("tau-norm", "Fashion-MNIST-LT, IR 100", s, s, null, s));
        Path page = tmp.resolve("table.html");
        Files2.writeAtomically(page, new PaperTable(rows, PublishedResults.load().table("cifar100-lt"), "IR 100")
                .html("Single-model rows (fixture figures)"));
        HeadlessChromium.Rendering r = chromium.render(page, SHOTS.resolve("table.png"));
        assertLooksRight(r, 0);
        assertTrue(Files.readString(page).contains("47.73"), "the paper's DR + H2T figure beside ours");
    }

    @Test
    void theCheckCatchesABrokenImageAndAScriptError() throws Exception {
        Path page = tmp.resolve("bad.html");
        Files.writeString(page, Html.page("bad", "<p>text</p><img src=\"data:image/png;base64,AAAA\" alt=\"x\">"
                + "<script>undefinedFunction();</script>"));
        HeadlessChromium.Rendering r = chromium.render(page, tmp.resolve("bad.png"));
        assertEquals(1, r.brokenImages());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("undefinedFunction")), r.errors().toString());
    }
}
