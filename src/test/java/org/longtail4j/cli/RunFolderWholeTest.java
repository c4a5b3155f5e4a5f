package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Files2;
import org.longtail4j.testing.CliRun;

/**
 * A run folder is made whole or not at all, and an interrupted demo can be finished. Before, a start
 * that failed after the data were read left config.yaml, split.json and train_indices.txt, so the same
 * --out was refused; and running the demo again after an interruption was refused with a hint at
 * {@code train --resume}, which is not the demo.
 */
class RunFolderWholeTest {

    @TempDir
    Path dir;

    private static final List<String> TINY_DEMO = List.of("--quick",
            "--set", "data.max_per_class=20", "--set", "data.imbalance_ratio=10",
            "--set", "stages.stage1.epochs=1", "--set", "stages.stage1.schedule.warmup_epochs=0", "--set", "stages.stage2.epochs=1",
            "--set", "model.arch=resnet20", "--set", "runtime.prefetch=0");

    private CliRun demo(Path data, Path out) {
        List<String> args = new ArrayList<>(List.of("demo", "--data", data.toString(), "--out", out.toString()));
        args.addAll(TINY_DEMO);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aStartThatFailsInItsFirstEpochLeavesNothingAndTheFolderCanBeUsedAgain() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = TinyConfigs.write(dir);
        Path out = dir.resolve("out");
        CliRun diverged = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out",
                out.toString(), "--set", "stages.stage1.lr=1e8");
        assertEquals(2, diverged.exit(), diverged::toString);
        assertFalse(Files.exists(out), "the failed start left " + out);

        CliRun again = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out",
                out.toString());
        assertEquals(0, again.exit(), again::toString);
        for (String file : List.of("config.yaml", "split.json", "train_indices.txt", "results.json")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }

    @Test
    void aFullDiskIsOneLineNamingTheFileAndLeavesNothing() throws IOException {
        // The stage's metrics file is a link to /dev/full, which answers every write with ENOSPC as a full
        // disk does: the first epoch's line fails. It was "java.io.IOException: No space left on device", exit 1.
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = TinyConfigs.write(dir);
        Path out = dir.resolve("full");
        Path metrics = Files.createDirectories(out.resolve("stage1")).resolve("metrics.jsonl");
        Files.createSymbolicLink(metrics, Path.of("/dev/full"));
        CliRun run = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out",
                out.toString());
        assertEquals(2, run.exit(), run::toString);
        List<String> errors = run.errLines().stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(List.of("error: cannot write " + metrics + ": No space left on device"), errors, run::toString);
        assertFalse(Files.exists(out.resolve("config.yaml")), "the failed start left its config");
        assertFalse(Files.exists(out.resolve("stage1")), "the failed start left its stage folder");
    }

    @Test
    void aFailedStartInAFolderWithOtherFilesRemovesOnlyWhatItWrote() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path config = TinyConfigs.write(dir);
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        CliRun diverged = CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out",
                out.toString(), "--set", "stages.stage1.lr=1e8");
        assertEquals(2, diverged.exit(), diverged::toString);
        try (var files = Files.list(out)) {
            assertEquals(List.of(".lock", "notes.txt"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void runningAnInterruptedDemoAgainFinishesItWithTheSameFigures() throws IOException {
        Path data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        Path whole = dir.resolve("whole");
        CliRun first = demo(data, whole);
        assertEquals(0, first.exit(), first::toString);

        List<String> files = List.of("summary.txt", "stage1/results.json", "dr/results.json", "dr_h2t/results.json",
                "dr_h2t/stage2/metrics.jsonl");
        List<String> expected = new ArrayList<>();
        for (String file : files) {
            expected.add(withoutTimings(Files.readString(whole.resolve(file))));
        }

        // The state a demo killed during DR + H2T's stage 2 leaves: stage 1 and DR finished, DR + H2T started
        // (config and split written, its epoch not finished), no summary.
        Files.delete(whole.resolve("summary.json"));
        Files.delete(whole.resolve("summary.txt"));
        Files.delete(whole.resolve("dr_h2t").resolve("results.json"));
        Files2.deleteTree(whole.resolve("dr_h2t").resolve("stage2"));
        // and DR killed after its last checkpoint, before its results
        Files.delete(whole.resolve("dr").resolve("results.json"));
        Files.delete(whole.resolve("dr").resolve("stage2").resolve("results.json"));

        CliRun again = demo(data, whole);
        assertEquals(0, again.exit(), again::toString);
        for (int i = 0; i < files.size(); i++) {
            assertEquals(expected.get(i), withoutTimings(Files.readString(whole.resolve(files.get(i)))), files.get(i));
        }
    }

    /** A metrics line without the fields that measure time and memory, which differ from run to run. */
    private static String withoutTimings(String text) {
        return text.replaceAll("\"(seconds|images_per_second|eval_seconds|rss_mib)\":[0-9.E-]+,?", "");
    }
}
