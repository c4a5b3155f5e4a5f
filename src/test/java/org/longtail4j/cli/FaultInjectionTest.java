package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.longtail4j.reports.Files2;
import org.longtail4j.testing.ChildLongTail;
import org.longtail4j.testing.CliRun;
import org.longtail4j.testing.SameRun;

/**
 * Fault injection with real processes: the command line runs in a child JVM and is killed with SIGKILL
 * at a moment drawn from a seeded generator (so a failure can be replayed), then the same user steps
 * that finish the job are taken (resume the run, or start it again when the kill came before the run
 * existed, or run the demo again). The finished run must equal an uninterrupted one bit for bit:
 * checkpoints, results.json, metrics (timings aside).
 *
 * <p>A kill may land anywhere: while the data are read, mid-iteration, in an evaluation, in a metrics
 * line, or inside a checkpoint write (the states a kill leaves between the renames of
 * {@code Checkpoint.save} are built one by one in {@code ResumeExactlyTest}). See docs/reliability.md.
 */
class FaultInjectionTest {

    @TempDir
    static Path dir;

    private static Path data;
    private static Path config;
    private static Path uninterrupted;

    /** A tiny two-stage recipe: CE + mixup for 3 epochs, then DR + H2T for 2; every epoch evaluated. */
    static final String RECIPE = """
            name: faults
            seed: 1
            data: {dataset: fashion-mnist, imbalance_ratio: 10, max_per_class: 20}
            model: {arch: resnet20}
            stages:
              stage1: {method: ce, epochs: 3, batch_size: 16, mixing: {type: mixup, alpha: 1.0}, schedule: {type: constant}}
              stage2: {method: dr, epochs: 2, batch_size: 16, transform: {type: h2t, p: 0.25}, schedule: {type: constant}}
            eval: {every: 1}
            runtime: {threads: 1, prefetch: 0}
            """;

    private static final List<String> STAGES = List.of("stage1", "stage2");

    @BeforeAll
    static void trainWithoutInterruption() throws IOException {
        data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        config = Files.writeString(dir.resolve("faults.yaml"), RECIPE);
        uninterrupted = dir.resolve("uninterrupted");
        CliRun run = train(uninterrupted);
        assertEquals(0, run.exit(), run::toString);
    }

    /** The shortest epoch (training and its evaluation) of the uninterrupted run, in milliseconds. */
    private static long shortestEpochMillis() throws IOException {
        double shortest = Double.MAX_VALUE;
        for (String stage : STAGES) {
            for (String line : Files.readAllLines(uninterrupted.resolve(stage).resolve("metrics.jsonl"))) {
                com.fasterxml.jackson.databind.JsonNode epoch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                shortest = Math.min(shortest, epoch.path("seconds").asDouble() + epoch.path("eval_seconds").asDouble());
            }
        }
        return (long) (shortest * 1000);
    }

    private static CliRun train(Path out) {
        return CliRun.of("train", "--config", config.toString(), "--data", data.toString(), "--out", out.toString());
    }

    /** What a user does after a crash: resume the run, or start it again if it never got as far as existing. */
    private static void finish(Path out) throws IOException {
        CliRun run = Files.exists(out.resolve("config.yaml")) ? CliRun.of("train", "--resume", out.toString()) : train(out);
        assertEquals(0, run.exit(), run::toString);
    }

    @ParameterizedTest(name = "kill seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void killedAtARandomMomentOfTrainingAndResumed(long seed) throws Exception {
        Path out = dir.resolve("killed-" + seed);
        // The moment: after a drawn number of the child's progress lines (the stage starts and the epoch
        // lines, 7 in all; at most 5 waited for, so that at least two epochs remain), then a drawn delay
        // shorter than the shortest epoch of the uninterrupted run, so that one epoch at least is cut.
        SplittableRandom random = new SplittableRandom(seed);
        int lines = 1 + random.nextInt(5);
        long delay = random.nextLong(Math.max(1, shortestEpochMillis()));
        try (ChildLongTail child = ChildLongTail.start("train", "--config", config.toString(), "--data",
                data.toString(), "--out", out.toString())) {
            for (int i = 0; i < lines; i++) {
                assertTrue(child.awaitLineStartingWith("stage"), "the child ended before progress line " + (i + 1));
            }
            Thread.sleep(delay);
            child.kill();
        }
        assertFalse(Files.exists(out.resolve("results.json")), "the run had finished before the kill: nothing tested");
        finish(out);
        SameRun.assertSameRun(uninterrupted, out, STAGES);
    }

    @Test
    void killedWhileReadingTheDataAndStartedAgain() throws Exception {
        Path out = dir.resolve("killed-early");
        try (ChildLongTail child = ChildLongTail.start("train", "--config", config.toString(), "--data",
                data.toString(), "--out", out.toString())) {
            Thread.sleep(1500); // the JVM and the engine are still starting: no run exists yet
            child.kill();
        }
        finish(out);
        SameRun.assertSameRun(uninterrupted, out, STAGES);
    }

    @Test
    void aDemoWithSeedsKilledAtARandomMomentFinishesWhenRunAgain() throws Exception {
        List<String> demo = new ArrayList<>(List.of("demo", "--quick", "--seeds", "0,1", "--data", data.toString(),
                "--set", "data.max_per_class=20", "--set", "data.imbalance_ratio=10",
                "--set", "stages.stage1.epochs=1", "--set", "stages.stage1.schedule.warmup_epochs=0", "--set", "stages.stage2.epochs=1",
                "--set", "model.arch=resnet20", "--set", "runtime.prefetch=0", "--set", "runtime.threads=1"));
        Path whole = dir.resolve("demo-whole");
        CliRun straight = CliRun.of(with(demo, "--out", whole.toString()));
        assertEquals(0, straight.exit(), straight::toString);

        Path cut = dir.resolve("demo-cut");
        SplittableRandom random = new SplittableRandom(7);
        int stageLines = 1 + random.nextInt(6); // 6 runs: stage 1, DR, DR + H2T for each of two seeds
        try (ChildLongTail child = ChildLongTail.start(with(demo, "--out", cut.toString()))) {
            for (int i = 0; i < stageLines; i++) {
                assertTrue(child.awaitLineStartingWith("stage"), "the child demo ended early");
            }
            Thread.sleep(random.nextLong(2000));
            child.kill();
        }
        CliRun again = CliRun.of(with(demo, "--out", cut.toString()));
        assertEquals(0, again.exit(), again::toString);
        assertEquals(Files.readString(whole.resolve("seeds.json")), Files.readString(cut.resolve("seeds.json")));
        for (String seed : List.of("seed-0", "seed-1")) {
            assertEquals(Files.readString(whole.resolve(seed).resolve("summary.json")).replace(whole.toString(), "OUT"),
                    Files.readString(cut.resolve(seed).resolve("summary.json")).replace(cut.toString(), "OUT"), seed);
            SameRun.assertNoHalfWrittenFiles(cut);
        }
        Files2.deleteTree(whole);
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
