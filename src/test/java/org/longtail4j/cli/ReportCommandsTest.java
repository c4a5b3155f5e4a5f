package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.testing.RunFolderFixture;

/** report, compare and toy from the command line: what they write and how they refuse bad input. */
class ReportCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void reportRebuildsThePageOfEachRun() throws Exception {
        Path a = RunFolderFixture.write(tmp.resolve("a"), "x", 0, List.of("stage1"), new double[] {40});
        Path b = RunFolderFixture.write(tmp.resolve("b"), "y", 1, List.of("stage1", "stage2"), new double[] {40, 45});
        TinyFashionMnist.Run run = TinyFashionMnist.execute("report", a.toString(), b.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(Files.readString(a.resolve("report.html")).contains("Run report: x"));
        assertTrue(Files.readString(b.resolve("report.html")).contains("Stage stage2"));
    }

    @Test
    void reportOnAFolderThatIsNotARunIsExitCodeTwo() throws Exception {
        Files.createDirectories(tmp.resolve("nothing"));
        assertEquals(2, TinyFashionMnist.execute("report", tmp.resolve("nothing").toString()).exitCode());
        assertFalse(Files.exists(tmp.resolve("nothing").resolve("report.html")));
    }

    @Test
    void comparePrintsPairedDifferencesAndWritesThePage() throws Exception {
        Path a0 = RunFolderFixture.write(tmp.resolve("a0"), "base", 0, List.of("stage1"), new double[] {40});
        Path a1 = RunFolderFixture.write(tmp.resolve("a1"), "base", 1, List.of("stage1"), new double[] {42});
        Path b0 = RunFolderFixture.write(tmp.resolve("b0"), "h2t", 0, List.of("stage1"), new double[] {41});
        Path b1 = RunFolderFixture.write(tmp.resolve("b1"), "h2t", 1, List.of("stage1"), new double[] {44});
        Path page = tmp.resolve("out").resolve("compare.html");
        TinyFashionMnist.Run run = TinyFashionMnist.execute("compare", a0.toString(), a1.toString(), b0.toString(),
                b1.toString(), "--html", page.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("paired over seeds [0, 1]"), run.out());
        assertTrue(run.out().contains("top-1   +1.50 ± 0.71  (better on 2 of 2 seeds)"), run.out());
        assertTrue(Files.readString(page).contains("Paired differences"));
        assertEquals(2, TinyFashionMnist.execute("compare", a0.toString(), "--stage", "stage9").exitCode());
    }

    @Test
    void toyWritesItsFigureAndPageInSeconds() throws Exception {
        long started = System.nanoTime();
        TinyFashionMnist.Run run = TinyFashionMnist.execute("toy", "--out", tmp.toString(), "--repeats", "5");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue((System.nanoTime() - started) / 1e9 < 60, "seconds, not minutes");
        assertTrue(run.out().contains("H2T minus class-balanced, paired by seed"), run.out());
        assertTrue(Files.size(tmp.resolve("toy.png")) > 10_000);
        assertTrue(Files.readString(tmp.resolve("toy.html")).contains("What it shows, and what it does not"));
        assertEquals(2, TinyFashionMnist.execute("toy", "--out", tmp.toString(), "--repeats", "0").exitCode());
    }
}
