package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;
import org.longtail4j.testing.RunFolderFixture;

class RunComparisonTest {

    @TempDir
    Path tmp;

    /** Baseline top-1 40, 42, 44 on seeds 0, 1, 2; other 41, 44, 45: differences 1, 2, 1. */
    private List<RunFolder> sixRuns() throws Exception {
        double[] base = {40, 42, 44};
        double[] other = {41, 44, 45};
        List<RunFolder> runs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            runs.add(RunFolder.read(RunFolderFixture.write(tmp.resolve("base-" + s), "base", s, List.of("stage1"),
                    new double[] {base[s]})));
        }
        for (int s = 2; s >= 0; s--) {
            runs.add(RunFolder.read(RunFolderFixture.write(tmp.resolve("other-" + s), "other", s, List.of("stage1"),
                    new double[] {other[s]})));
        }
        return runs;
    }

    @Test
    void groupsBySeedlessRecipeAndPairsBySeed() throws Exception {
        RunComparison c = RunComparison.of(sixRuns(), null);
        assertEquals(2, c.groups().size(), "data.root and seed do not split a recipe");
        RunComparison.Stat base = RunComparison.stat(c.groups().get(0), "top1");
        assertEquals(42.0, base.mean(), 1e-12);
        assertEquals(2.0, base.std(), 1e-12);
        RunComparison.Paired p = RunComparison.paired(c.groups().get(0), c.groups().get(1), "top1");
        assertEquals(List.of(0L, 1L, 2L), p.seeds());
        assertEquals(4.0 / 3, p.stat().mean(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 3), p.stat().std(), 1e-12);
        assertEquals(3, p.better());
        // ECE is equal everywhere: never better.
        assertEquals(0, RunComparison.paired(c.groups().get(0), c.groups().get(1), "ece").better());
        assertTrue(c.text().contains("+1.33 ± 0.58  (better on 3 of 3 seeds)"), c.text());
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        String html = ComparePage.html(RunComparison.of(sixRuns(), null));
        assertEquals(2, RunReportPageTest.embeddedImages(html).size());
        assertTrue(html.contains("+1.33 ± 0.58"));
        assertTrue(html.contains("42.00 ± 2.00"));
        assertTrue(!html.contains("different data"), "seeds of one split profile are the same data");
    }

    @Test
    void sameRecipeSameSeedIsRefused() throws Exception {
        Path a = RunFolderFixture.write(tmp.resolve("a"), "x", 0, List.of("stage1"), new double[] {40});
        Path b = RunFolderFixture.write(tmp.resolve("b"), "x", 0, List.of("stage1"), new double[] {41});
        assertThrows(BadInputException.class, () -> RunComparison.of(List.of(RunFolder.read(a), RunFolder.read(b)),
                null));
    }

    @Test
    void aMissingStageNamesWhatTheRunHas() throws Exception {
        Path a = RunFolderFixture.write(tmp.resolve("a"), "x", 0, List.of("stage1"), new double[] {40});
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunComparison.of(List.of(RunFolder.read(a)), "stage2"));
        assertTrue(e.getMessage().contains("[stage1]"), e.getMessage());
        assertTrue(Files.exists(a.resolve("config.yaml")));
    }
}
