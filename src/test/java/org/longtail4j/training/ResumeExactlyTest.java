package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.FashionMnistFixture;
import org.longtail4j.testing.SameRun;

/**
 * A killed run continues exactly: a two-stage recipe (CE + mixup with augmentation, then DR + H2T with
 * two samplers, channel draws and shift BN) is trained once without interruption, and again killed in
 * the middle of an epoch (in stage 1, in stage 2, and just after stage 1 finished) and resumed. Final
 * weights, BatchNorm statistics, momentum buffers and results must be identical to the last bit.
 *
 * <p>The kill is an exception thrown from the training observer during an iteration, after the step
 * has changed the weights in memory but before the epoch's checkpoint: what a kill at that moment
 * leaves on disk is exactly the previous epoch's checkpoint.
 */
class ResumeExactlyTest {


    @TempDir
    static Path dir;

    private static RunConfig config;
    private static Path uninterrupted;

    /** Thrown by the observer to stop a run where a kill would. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("simulated kill");
        }
    }

    /** Kills the run at (stage, 0-indexed epoch, iteration). */
    private static TrainingObserver killAt(String stage, int epoch, int iteration) {
        return new TrainingObserver() {
            private String current;

            @Override
            public void stageStarted(String s, String description, int firstEpoch, int epochs, int iterations) {
                current = s;
            }

            @Override
            public void iterationDone(int e, int it, double loss, double lr) {
                if (stage.equals(current) && e == epoch && it == iteration) {
                    throw new Killed();
                }
            }
        };
    }

    @BeforeAll
    static void trainWithoutInterruption() throws IOException {
        Path data = FashionMnistFixture.firstImages(dir.resolve("fashion-mnist"), 2000, 300);
        config = ConfigLoader.load(null, List.of(
                "name=resume",
                "seed=3",
                "data.root=" + data,
                "data.imbalance_ratio=10",
                "data.max_per_class=60", // 60 .. 6 per class, 237 images: 4 batches of 64, the last short
                "data.groups.rule=thirds",
                "model.arch=resnet20",
                "stages.stage1.method=ce",
                "stages.stage1.epochs=2",
                "stages.stage1.batch_size=64",
                "stages.stage1.mixing={type: mixup, alpha: 1.0}",
                "stages.stage1.schedule.warmup_epochs=1",
                "stages.stage1.schedule.milestones=[1]", // the rate changes between the two epochs
                "stages.stage2.method=dr",
                "stages.stage2.epochs=2",
                "stages.stage2.lr=0.02",
                "stages.stage2.schedule={type: cosine, warmup_epochs: 0, milestones: []}",
                "stages.stage2.batch_size=64",
                "stages.stage2.transform={type: h2t, p: 0.25}",
                "eval.batch_size=150",
                "runtime.threads=1",
                "runtime.prefetch=2"));
        uninterrupted = dir.resolve("uninterrupted");
        RecipeRunner.start(config, uninterrupted, null, null, TrainingObserver.SILENT);
    }

    @Test
    void killedInStageOneAndResumedFromTheCommandLine() throws IOException {
        Path run = dir.resolve("killed-stage1");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage1", 1, 1)));

        // what the kill left: the epoch-1 checkpoint, one metrics line, no results, no stage 2
        assertEquals(1, Checkpoint.progress(run.resolve("stage1/checkpoints/last")).epochsDone());
        assertEquals(1, Files.readAllLines(run.resolve("stage1/metrics.jsonl")).size());
        assertFalse(Files.exists(run.resolve("results.json")));
        assertFalse(Files.exists(run.resolve("stage1/results.json")));
        assertFalse(Files.exists(run.resolve("stage2")));
        SameRun.assertNoHalfWrittenFiles(run);

        CliRun resumed = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, resumed.exit(), resumed::toString);
        assertTrue(resumed.err().contains("resuming after epoch 1"), resumed::toString);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void killedBetweenTheMetricsLineAndTheCheckpoint() throws IOException {
        // The epoch's metrics line is appended just before its checkpoint is saved: a kill in between
        // leaves the line of an epoch that the resumed run will train (and log) again.
        Path run = dir.resolve("killed-after-metrics");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage1", 1, 3)));
        Path metrics = run.resolve("stage1/metrics.jsonl");
        String second = Files.readAllLines(uninterrupted.resolve("stage1/metrics.jsonl")).get(1);
        Files.writeString(metrics, Files.readString(metrics) + second + "\n");
        assertEquals(1, Checkpoint.progress(run.resolve("stage1/checkpoints/last")).epochsDone());

        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void aTruncatedLastMetricsLineIsDropped() throws IOException {
        Path run = dir.resolve("killed-mid-line");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage1", 1, 0)));
        Path metrics = run.resolve("stage1/metrics.jsonl");
        Files.writeString(metrics, Files.readString(metrics) + "{\"stage\":\"stage1\",\"epo");

        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void killedWhileSavingACheckpointBetweenItsTwoRenames() throws IOException {
        // Checkpoint.save writes last.new, renames last to last.old, then last.new to last: a kill between
        // the renames leaves no "last" but a complete last.old and a last.new that may be incomplete.
        Path run = dir.resolve("killed-mid-save");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage1", 1, 2)));
        Path checkpoints = run.resolve("stage1/checkpoints");
        Files.move(checkpoints.resolve("last"), checkpoints.resolve("last.old"));
        Files.createDirectories(checkpoints.resolve("last.new"));
        Files.write(checkpoints.resolve("last.new/model.params"), new byte[] {1, 2, 3});

        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void killedInStageTwoAndResumed() throws IOException {
        Path run = dir.resolve("killed-stage2");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage2", 1, 2)));
        assertEquals(2, Checkpoint.progress(run.resolve("stage1/checkpoints/last")).epochsDone());
        assertEquals(1, Checkpoint.progress(run.resolve("stage2/checkpoints/last")).epochsDone());
        assertFalse(Files.exists(run.resolve("results.json")));
        assertFalse(Files.exists(run.resolve("stage2/results.json")));
        SameRun.assertNoHalfWrittenFiles(run);

        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void killedBeforeStageTwoSavedAnythingAndResumed() throws IOException {
        Path run = dir.resolve("killed-stage2-start");
        assertThrows(Killed.class, () -> RecipeRunner.start(config, run, null, null, killAt("stage2", 0, 0)));
        assertFalse(Files.exists(run.resolve("stage2/checkpoints/last")));

        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(uninterrupted, run);
    }

    @Test
    void aReinitialisedClassifierIsDrawnAlikeWhenStageTwoStartsOnResume() throws IOException {
        // cRT draws a fresh head at the start of stage 2: a run killed before stage 2's first checkpoint
        // draws it again on resume, and must draw the same head
        RunConfig crt = ConfigLoader.withOverride(ConfigLoader.withOverride(config, "stages.stage2.method=crt"),
                "stages.stage2.transform=none");
        Path straight = dir.resolve("crt-uninterrupted");
        RecipeRunner.start(crt, straight, null, null, TrainingObserver.SILENT);
        Path run = dir.resolve("crt-killed");
        assertThrows(Killed.class, () -> RecipeRunner.start(crt, run, null, null, killAt("stage2", 0, 1)));
        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertSameRun(straight, run);
    }

    @Test
    void resumingAFinishedRunChangesNothing() throws IOException {
        Path run = dir.resolve("finished");
        RecipeRunner.start(config, run, null, null, TrainingObserver.SILENT);
        byte[] before = Files.readAllBytes(run.resolve("stage2/checkpoints/last/model.params"));
        RecipeRunner.resume(run, TrainingObserver.SILENT);
        assertArrayEquals(before, Files.readAllBytes(run.resolve("stage2/checkpoints/last/model.params")));
        assertSameRun(uninterrupted, run);
    }

    private static void assertSameRun(Path expected, Path actual) throws IOException {
        SameRun.assertSameRun(expected, actual, List.of("stage1", "stage2"));
    }
}
